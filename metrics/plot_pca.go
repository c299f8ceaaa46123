package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Panel is one representation of a word's occurrences: Vecs holds one
// vector per occurrence, in the same order as the senses given to PlotPCA.
// Title names the representation, e.g. "static embedding" or
// "final layer (layer2)"; PlotPCA prefixes it with the word.
type Panel struct {
	Title string
	Vecs  [][]float64
}

// PlotPCA draws, side by side in one PNG, each panel's occurrences of word
// projected on that panel's first two principal components (see PCA2).
// Every point is coloured and shaped by its sense, and the legend names the
// senses. Putting a static embedding next to the final encoder layer shows
// the project's claim at a glance: on the left every occurrence sits on a
// single point whatever its sense; on the right the senses form separate
// clouds. Nothing is jittered: when all points of a panel coincide, the
// panel title says so instead.
//
// senses[i] is the sense id of occurrence i, an index into senseNames. It
// returns an error when there are no panels or occurrences, when a panel's
// length differs from len(senses), or when a sense id has no name.
func PlotPCA(path, word string, panels []Panel, senses []int, senseNames []string) error {
	if len(panels) == 0 {
		return fmt.Errorf("%w: no panels to plot", ErrEmpty)
	}
	if len(senses) == 0 {
		return fmt.Errorf("%w: no occurrences to plot", ErrEmpty)
	}
	for i, s := range senses {
		if s < 0 || s >= len(senseNames) {
			return fmt.Errorf("%w: sense %d of occurrence %d has no name (%d names)", ErrMismatch, s, i, len(senseNames))
		}
	}
	row := make([]*plot.Plot, len(panels))
	for i, pan := range panels {
		if len(pan.Vecs) != len(senses) {
			return fmt.Errorf("%w: panel %q has %d vectors but there are %d senses", ErrMismatch, pan.Title, len(pan.Vecs), len(senses))
		}
		p, err := pcaPanel(word, pan, senses, senseNames)
		if err != nil {
			return fmt.Errorf("panel %q: %w", pan.Title, err)
		}
		row[i] = p
	}
	img := newImage(5*float64(len(panels)), 4.6)
	drawTiles([][]*plot.Plot{row}, draw.New(img))
	return savePNG(path, img)
}

// pcaPanel builds one scatter plot of PlotPCA.
func pcaPanel(word string, pan Panel, senses []int, senseNames []string) (*plot.Plot, error) {
	pts, frac, err := pca2(pan.Vecs)
	if err != nil {
		return nil, err
	}
	title := word + " — " + pan.Title
	if spread(pts) == 0 {
		title += fmt.Sprintf("\n(all %d occurrences at one point)", len(pts))
	}
	p := newPlot(title, axisLabel("PC1", frac[0]), axisLabel("PC2", frac[1]))

	for s, name := range senseNames {
		var xys plotter.XYs
		for i, sense := range senses {
			if sense == s {
				xys = append(xys, plotter.XY{X: pts[i][0], Y: pts[i][1]})
			}
		}
		if len(xys) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle.Color, sc.GlyphStyle.Shape = senseStyle(s)
		sc.GlyphStyle.Radius = vg.Points(4.5)
		p.Add(sc)
		p.Legend.Add(fmt.Sprintf("%s (%d)", name, len(xys)), sc)
	}
	p.Legend.Top = true
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		if a.Min == a.Max { // no spread: centre the point
			a.Min, a.Max = a.Min-1, a.Max+1
		}
		// A margin of 6% each side keeps the outermost markers inside the frame.
		pad := 0.06 * (a.Max - a.Min)
		a.Min, a.Max = a.Min-pad, a.Max+pad
	}
	// Leave headroom above the points so the legend does not cover them.
	p.Y.Max += 0.3 * (p.Y.Max - p.Y.Min)
	p.Add(plotter.NewGrid())
	return p, nil
}

// axisLabel names a principal component and the share of the variance it
// explains, so the reader can tell a dominant direction from noise.
func axisLabel(name string, frac float64) string {
	if frac == 0 {
		return name + " (no variance)"
	}
	return fmt.Sprintf("%s (%.0f%% of variance)", name, 100*frac)
}

// spread is the largest distance of any point from the first one.
func spread(pts [][2]float64) float64 {
	var d float64
	for _, q := range pts {
		d = math.Max(d, math.Hypot(q[0]-pts[0][0], q[1]-pts[0][1]))
	}
	return d
}
