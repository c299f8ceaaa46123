package metrics

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// PlotAttention draws the attention weights of one sentence: one heat map
// per (layer, head), layers as rows and heads as columns, with probs
// indexed probs[layer][head][query][key]. Row q of a map is the
// distribution with which token q (y axis) gathers information from every
// token k (x axis); it sums to 1. For "bank" this is where one sees which
// context words, "river" or "money", the model looks at to decide the
// sense. All maps share one colour scale, 0 to 1, shown in the colour bar
// on the right, so heads can be compared by eye.
//
// It returns an error when probs is empty, when the numbers of heads
// differ between layers, when a map is not len(tokens) by len(tokens), or
// when a weight lies outside [0, 1].
func PlotAttention(path string, tokens []string, probs [][][][]float64, title string) error {
	n := len(tokens)
	if n == 0 {
		return fmt.Errorf("%w: no tokens", ErrEmpty)
	}
	if len(probs) == 0 || len(probs[0]) == 0 {
		return fmt.Errorf("%w: no attention maps", ErrEmpty)
	}
	heads := len(probs[0])
	for l, layer := range probs {
		if len(layer) != heads {
			return fmt.Errorf("%w: layer %d has %d heads, layer 0 has %d", ErrMismatch, l, len(layer), heads)
		}
		for h, m := range layer {
			if err := checkAttention(m, n); err != nil {
				return fmt.Errorf("layer %d head %d: %w", l+1, h+1, err)
			}
		}
	}

	cmap, err := attentionColors()
	if err != nil {
		return err
	}
	pal := cmap.Palette(256)
	grid := make([][]*plot.Plot, len(probs))
	for l, layer := range probs {
		grid[l] = make([]*plot.Plot, heads)
		for h, m := range layer {
			grid[l][h] = heatPanel(fmt.Sprintf("layer %d head %d", l+1, h+1), tokens, m, pal)
		}
	}

	side := attentionSide(n)
	barW, titleH := 1.4, 0.5
	img := newImage(side*float64(heads)+barW, side*float64(len(probs))+titleH)
	dc := draw.New(img)

	// Figure title across the top.
	sty := text.Style{
		Color:   color.Black,
		Font:    font.From(plot.DefaultFont, titleSize+1),
		XAlign:  draw.XCenter,
		YAlign:  draw.YTop,
		Handler: plot.DefaultTextHandler,
	}
	dc.FillText(sty, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y - vg.Points(6)}, title)

	body := draw.Crop(dc, 0, -vg.Length(barW)*vg.Inch, 0, -vg.Length(titleH)*vg.Inch)
	drawTiles(grid, body)

	// The colour bar: a narrow strip right of the panels, its tick labels
	// and axis label taking the rest of the margin.
	bar := draw.Crop(dc, vg.Length(side*float64(heads)+0.25)*vg.Inch, -0.15*vg.Inch, vg.Inch/2, -vg.Length(titleH)*vg.Inch-vg.Inch/4)
	colorBar(cmap).Draw(bar)
	return savePNG(path, img)
}

// attentionTickSize is the token labels' size, in points, however long the
// sentence: the panels grow instead (attentionSide).
const attentionTickSize = 9

// attentionSide is the side of one heat-map panel, in inches, for n tokens:
// a row of 1.5 times the label size per token, plus the labels around it.
func attentionSide(n int) float64 {
	return math.Max(2.6, 1.5*attentionTickSize/72*float64(n)+1.6)
}

// checkAttention verifies that m is an n-by-n matrix of weights in [0, 1].
func checkAttention(m [][]float64, n int) error {
	if len(m) != n {
		return fmt.Errorf("%w: %d query rows for %d tokens", ErrMismatch, len(m), n)
	}
	for q, row := range m {
		if len(row) != n {
			return fmt.Errorf("%w: query %d has %d keys for %d tokens", ErrMismatch, q, len(row), n)
		}
		for k, w := range row {
			if !(w >= 0 && w <= 1) { // also rejects NaN
				return fmt.Errorf("%w: weight [%d][%d] = %v is not a probability", ErrNotFinite, q, k, w)
			}
		}
	}
	return nil
}

// attentionColors maps 0 to white and 1 to dark blue, with luminance
// falling steadily in between: more ink means more attention, which reads
// naturally and survives printing in grey.
func attentionColors() (palette.ColorMap, error) {
	// NewLuminance wants rising luminance, so build dark-to-light and
	// reverse it.
	dark, err := moreland.NewLuminance([]color.Color{
		color.NRGBA{R: 8, G: 40, B: 110, A: 255},
		color.NRGBA{R: 110, G: 170, B: 220, A: 255},
		color.NRGBA{R: 255, G: 255, B: 255, A: 255},
	})
	if err != nil {
		return nil, err
	}
	cmap := palette.Reverse(dark)
	cmap.SetMin(0)
	cmap.SetMax(1)
	return cmap, nil
}

// heatPanel draws one attention map with the tokens as tick labels: keys
// along x (rotated so long words do not collide) and queries down y, the
// first token at the top as in reading order.
func heatPanel(title string, tokens []string, m [][]float64, pal palette.Palette) *plot.Plot {
	p := newPlot(title, "key (attended to)", "query")
	hm := plotter.NewHeatMap(attentionGrid(m), pal)
	hm.Min, hm.Max = 0, 1 // one scale for all panels, whatever their values
	p.Add(hm)

	n := len(tokens)
	xt := make([]plot.Tick, n)
	yt := make([]plot.Tick, n)
	for i, tok := range tokens {
		xt[i] = plot.Tick{Value: float64(i), Label: tok}
		yt[i] = plot.Tick{Value: float64(n - 1 - i), Label: tok}
	}
	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	p.X.Tick.Label.Rotation = math.Pi / 2
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	fs := font.Length(attentionTickSize)
	p.X.Tick.Label.Font.Size = fs
	p.Y.Tick.Label.Font.Size = fs
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	return p
}

// attentionGrid presents an attention matrix to plotter.HeatMap: column c
// is key c at x = c, and grid row r is query n-1-r at y = r, so that query
// 0 ends up at the top.
type attentionGrid [][]float64

func (g attentionGrid) Dims() (c, r int)   { return len(g), len(g) }
func (g attentionGrid) Z(c, r int) float64 { return g[len(g)-1-r][c] }
func (g attentionGrid) X(c int) float64    { return float64(c) }
func (g attentionGrid) Y(r int) float64    { return float64(r) }

// colorBar returns a vertical colour bar plot for the 0..1 attention scale.
func colorBar(cmap palette.ColorMap) *plot.Plot {
	p := newPlot("", "", "attention weight")
	p.HideX()
	p.Y.Padding = 0
	p.Add(&plotter.ColorBar{ColorMap: cmap, Vertical: true})
	return p
}
