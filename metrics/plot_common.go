package metrics

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// dpi is the resolution of every PNG. At 110 dots per inch a 10-point
// label is about 15 pixels tall: readable on a screen and in a slide.
const dpi = 110

// Font sizes, in points, shared by all figures so they look alike.
const (
	titleSize = 13
	labelSize = 11
	tickSize  = 10
)

// newPlot returns a plot with the package's font sizes.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = font.Length(titleSize)
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = font.Length(labelSize)
		a.Tick.Label.Font.Size = font.Length(tickSize)
		a.Tick.Marker = roundTicks{}
	}
	p.Legend.TextStyle.Font.Size = font.Length(tickSize)
	return p
}

// seriesColors is the Okabe-Ito palette: distinguishable with the common
// forms of colour blindness (so no red next to green).
var seriesColors = []color.Color{
	color.RGBA{R: 0, G: 114, B: 178, A: 255},   // blue
	color.RGBA{R: 230, G: 159, B: 0, A: 255},   // orange
	color.RGBA{R: 0, G: 158, B: 115, A: 255},   // bluish green
	color.RGBA{R: 213, G: 94, B: 0, A: 255},    // vermillion
	color.RGBA{R: 204, G: 121, B: 167, A: 255}, // reddish purple
	color.RGBA{R: 86, G: 180, B: 233, A: 255},  // sky blue
}

// senseStyle returns the colour and glyph of sense (or series) s. Glyphs
// are bold outlines of different shapes, so points of different senses
// that coincide (as in a static embedding) stay visible on top of each
// other, and the figure still reads in black and white.
func senseStyle(s int) (color.Color, draw.GlyphDrawer) {
	return seriesColors[s%len(seriesColors)], outlineGlyph{sides: []int{0, 3, 4, 5, 6}[s%5]}
}

// outlineGlyph draws a ring (sides 0) or a regular polygon with a point
// at the top, with a thicker outline than gonum's built-in glyphs.
type outlineGlyph struct{ sides int }

// DrawGlyph implements draw.GlyphDrawer.
func (g outlineGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.6)})
	var p vg.Path
	if g.sides == 0 {
		p.Move(vg.Point{X: pt.X + sty.Radius, Y: pt.Y})
		p.Arc(pt, sty.Radius, 0, 2*math.Pi)
	} else {
		r := sty.Radius * 1.2 // polygons look smaller than a circle of the same radius
		for k := range g.sides {
			a := math.Pi/2 + 2*math.Pi*float64(k)/float64(g.sides)
			q := vg.Point{X: pt.X + r*vg.Length(math.Cos(a)), Y: pt.Y + r*vg.Length(math.Sin(a))}
			if k == 0 {
				p.Move(q)
			} else {
				p.Line(q)
			}
		}
	}
	p.Close()
	c.Stroke(p)
}

// newImage returns a white canvas of w by h inches.
func newImage(w, h float64) *vgimg.Canvas {
	return vgimg.NewWith(
		vgimg.UseWH(vg.Length(w)*vg.Inch, vg.Length(h)*vg.Inch),
		vgimg.UseDPI(dpi),
		vgimg.UseBackgroundColor(color.White),
	)
}

// drawTiles lays plots out in a grid inside dc, aligning their axes so the
// panels of one figure share the same data-area size.
func drawTiles(plots [][]*plot.Plot, dc draw.Canvas) {
	tiles := draw.Tiles{
		Rows:      len(plots),
		Cols:      len(plots[0]),
		PadX:      vg.Points(18),
		PadY:      vg.Points(18),
		PadTop:    vg.Points(6),
		PadBottom: vg.Points(6),
		PadLeft:   vg.Points(6),
		PadRight:  vg.Points(10),
	}
	canvases := plot.Align(plots, tiles, dc)
	for j, row := range plots {
		for i, p := range row {
			if p != nil {
				p.Draw(canvases[j][i])
			}
		}
	}
}

// savePNG writes img to path as a PNG.
func savePNG(path string, img *vgimg.Canvas) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		return fmt.Errorf("eval: writing %s: %w", path, err)
	}
	return nil
}

// checkFinite returns an error naming the input if xs holds NaN or ±Inf,
// which a plot cannot place.
func checkFinite(name string, xs []float64) error {
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%w: %s[%d] = %v", ErrNotFinite, name, i, x)
		}
	}
	return nil
}

// roundTicks puts major ticks on multiples of a round step (1, 2 or 5 times
// a power of ten) chosen for 4 to 8 labels, with one minor tick between
// two majors: 0, 1000, 2000 rather than gonum's 500, 2000, 3500.
type roundTicks struct{}

// Ticks implements plot.Ticker.
func (roundTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	step := roundStep(hi - lo)
	decimals := max(0, int(-math.Floor(math.Log10(step)))) // 0.2 -> 1: "0.6", not 0.6000000000000001
	var ticks []plot.Tick
	for k := math.Ceil(lo / step * 2); k/2*step <= hi+step*1e-9; k++ {
		v := k / 2 * step
		if math.Abs(v) < step*1e-9 {
			v = 0 // no "-0"
		}
		if int(k)%2 != 0 {
			ticks = append(ticks, plot.Tick{Value: v})
			continue
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', decimals, 64)})
	}
	return ticks
}

// roundStep is the smallest of 1, 2 and 5 times a power of ten that cuts
// span into at most 7 steps.
func roundStep(span float64) float64 {
	pow := math.Pow(10, math.Floor(math.Log10(span/7)))
	for _, m := range []float64{1, 2, 5, 10} {
		if span/(m*pow) <= 7 {
			return m * pow
		}
	}
	return 10 * pow
}
