package metrics

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Curve is one named line of loss over training steps.
type Curve struct {
	Name  string
	Steps []int
	Loss  []float64
}

// PlotLoss draws loss curves over steps (training and validation, say) into a
// PNG at path; yLabel names the loss. Curves without points are left out.
func PlotLoss(path, yLabel string, curves ...Curve) error {
	p, err := lossPlot(yLabel, curves...)
	if err != nil {
		return err
	}
	return p.Save(7*vg.Inch, 4*vg.Inch, path)
}

// maxMarked is the most points a loss curve marks each of: a validation
// curve's few points are marked, a training curve's hundreds are a line.
const maxMarked = 40

// lossPlot is PlotLoss's figure.
func lossPlot(yLabel string, curves ...Curve) (*plot.Plot, error) {
	p := newPlot("attend: loss over training", "step", yLabel)
	parts, err := lossParts(curves)
	if err != nil {
		return nil, err
	}
	for _, c := range parts {
		thumbs := []plot.Thumbnailer{c.line}
		p.Add(c.line)
		if c.dots != nil {
			p.Add(c.dots)
			thumbs = append(thumbs, c.dots)
		}
		p.Legend.Add(c.name, thumbs...)
	}
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	return p, nil
}

// curveParts is one drawn curve: its line and, when it has few points, a
// marker on each.
type curveParts struct {
	name string
	line *plotter.Line
	dots *plotter.Scatter // nil for more than maxMarked points
}

// lossParts draws each curve with points, in the series colours.
func lossParts(curves []Curve) ([]curveParts, error) {
	var out []curveParts
	for i, c := range curves {
		if len(c.Steps) == 0 {
			continue
		}
		if err := checkFinite(c.Name, c.Loss); err != nil {
			return nil, err
		}
		pts := make(plotter.XYs, len(c.Steps))
		for j := range c.Steps {
			pts[j] = plotter.XY{X: float64(c.Steps[j]), Y: c.Loss[j]}
		}
		col := seriesColors[i%len(seriesColors)]
		part := curveParts{name: c.Name}
		var err error
		if part.line, err = plotter.NewLine(pts); err != nil {
			return nil, err
		}
		part.line.Color, part.line.Width = col, vg.Points(1.5)
		if len(pts) <= maxMarked {
			if part.dots, err = plotter.NewScatter(pts); err != nil {
				return nil, err
			}
			part.dots.Color, part.dots.Radius = col, vg.Points(3.5)
		}
		out = append(out, part)
	}
	return out, nil
}
