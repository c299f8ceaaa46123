package metrics

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// PlotLayers draws how well the word's senses separate at each stage of
// the model: reps names the representations in order (e.g. "static",
// "input", "layer1", "layer2") and becomes the x axis; auc and gap hold
// PairAUC and SenseGap for each. A flat AUC of 0.5 at "static" rising
// towards 1 through the layers is the picture of attention making the
// vector contextual.
//
// The dashed horizontal lines mark the final layer of an untrained model
// with the same architecture. They answer the obvious objection ("any
// random mixing of context would do that"): the gain of the trained model
// over them is what training bought. Pass NaN to leave one out.
//
// It returns an error when reps is empty, when the three slices differ in
// length, or when an auc or gap value is NaN or infinite.
func PlotLayers(path, word string, reps []string, auc, gap []float64, untrainedAUC, untrainedGap float64) error {
	if len(reps) == 0 {
		return fmt.Errorf("%w: no representations to plot", ErrEmpty)
	}
	if len(auc) != len(reps) || len(gap) != len(reps) {
		return fmt.Errorf("%w: %d representations, %d AUC values, %d gap values", ErrMismatch, len(reps), len(auc), len(gap))
	}
	if err := checkFinite("auc", auc); err != nil {
		return err
	}
	if err := checkFinite("gap", gap); err != nil {
		return err
	}

	p := newPlot(word+": sense separation by layer", "representation", "score (pair AUC, cosine gap)")
	p.Add(plotter.NewGrid())

	// Chance level for the AUC, drawn first so it sits behind the data.
	chance := hline(-0.5, float64(len(reps))-0.5, 0.5, color.Gray{Y: 150}, []vg.Length{vg.Points(1), vg.Points(3)})
	p.Add(chance)
	p.Legend.Add("AUC chance level (0.5)", chance)

	type series struct {
		name, short string
		ys          []float64
		untrained   float64
		i           int // colour and glyph index
	}
	for _, s := range []series{
		{"pair AUC (trained)", "AUC", auc, untrainedAUC, 0},
		{"sense gap (trained)", "gap", gap, untrainedGap, 1},
	} {
		xys := make(plotter.XYs, len(s.ys))
		for i, y := range s.ys {
			xys[i] = plotter.XY{X: float64(i), Y: y}
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return err
		}
		c, shape := senseStyle(s.i)
		line.Color, line.Width = c, vg.Points(2)
		points.Color, points.Shape, points.Radius = c, shape, vg.Points(4)
		p.Add(line, points)
		p.Legend.Add(s.name, line, points)
		if !math.IsNaN(s.untrained) && !math.IsInf(s.untrained, 0) {
			u := hline(-0.5, float64(len(reps))-0.5, s.untrained, c, plotutil.Dashes(1))
			p.Add(u)
			p.Legend.Add(fmt.Sprintf("%s of untrained model, final layer: %.2f", s.short, s.untrained), u)
		}
	}

	ticks := make([]plot.Tick, len(reps))
	for i, r := range reps {
		ticks[i] = plot.Tick{Value: float64(i), Label: r}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.5, float64(len(reps))-0.5

	// Both scores live in about [0, 1] (a gap can dip below 0); fix the
	// range so figures of different runs compare, and leave room at the
	// top for the legend.
	lo, hi := 0.0, 1.0
	for _, v := range append(append([]float64{untrainedAUC, untrainedGap}, gap...), auc...) {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	p.Y.Min, p.Y.Max = lo-0.05, hi+0.55
	// Ticks only where scores can be, not in the legend's headroom.
	var yt []plot.Tick
	for v := math.Floor(lo*4) / 4; v <= hi+1e-9; v += 0.25 {
		yt = append(yt, plot.Tick{Value: v, Label: fmt.Sprintf("%.2f", v)})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	p.Legend.Top = true
	p.Legend.Left = true

	img := newImage(math.Max(7, 1.1*float64(len(reps))), 5)
	p.Draw(draw.New(img))
	return savePNG(path, img)
}

// hline returns a horizontal line at height y from x0 to x1.
func hline(x0, x1, y float64, c color.Color, dashes []vg.Length) *plotter.Line {
	l := &plotter.Line{XYs: plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}}}
	l.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1.5), Dashes: dashes}
	return l
}
