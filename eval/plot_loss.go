package eval

import (
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
	p := newPlot("attend: loss over training", "step", yLabel)
	for i, c := range curves {
		if len(c.Steps) == 0 {
			continue
		}
		if err := checkFinite(c.Name, c.Loss); err != nil {
			return err
		}
		pts := make(plotter.XYs, len(c.Steps))
		for j := range c.Steps {
			pts[j] = plotter.XY{X: float64(c.Steps[j]), Y: c.Loss[j]}
		}
		l, dots, err := plotter.NewLinePoints(pts)
		if err != nil {
			return err
		}
		l.Color, dots.Color = seriesColors[i%len(seriesColors)], seriesColors[i%len(seriesColors)]
		l.Width = vg.Points(1.5)
		p.Add(l, dots)
		p.Legend.Add(c.Name, l, dots)
	}
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	return p.Save(7*vg.Inch, 4*vg.Inch, path)
}
