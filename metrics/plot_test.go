package metrics

import (
	"errors"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// synthetic builds a toy case like the project's: 24 occurrences of
// "bank", half river and half money; a static embedding (one vector) and
// three contextual stages that separate the senses more and more.
func synthetic() (reps []string, vecs map[string][][]float64, senses []int) {
	rng := rand.New(rand.NewPCG(42, 43))
	const n, d = 24, 16
	static := make([]float64, d)
	dirs := [2][]float64{make([]float64, d), make([]float64, d)}
	for k := range d {
		static[k] = rng.NormFloat64()
		dirs[0][k] = rng.NormFloat64()
		dirs[1][k] = rng.NormFloat64()
	}
	reps = []string{"static", "input", "layer1", "layer2"}
	sep := map[string]float64{"static": 0, "input": 0, "layer1": 0.8, "layer2": 2.5}
	noise := map[string]float64{"static": 0, "input": 0.3, "layer1": 0.6, "layer2": 0.6}
	vecs = make(map[string][][]float64)
	senses = make([]int, n)
	for i := range senses {
		senses[i] = i % 2
	}
	for _, r := range reps {
		vs := make([][]float64, n)
		for i := range vs {
			v := make([]float64, d)
			for k := range v {
				v[k] = static[k] + sep[r]*dirs[senses[i]][k] + noise[r]*rng.NormFloat64()
			}
			vs[i] = v
		}
		vecs[r] = vs
	}
	return reps, vecs, senses
}

// syntheticAttention returns softmax attention for a 9-token sentence in
// which head 2 of layer 2 sends "bank" to "river".
func syntheticAttention() ([]string, [][][][]float64) {
	tokens := []string{"the", "boat", "drifted", "to", "the", "bank", "of", "the", "river"}
	rng := rand.New(rand.NewPCG(5, 6))
	n := len(tokens)
	probs := make([][][][]float64, 2)
	for l := range probs {
		probs[l] = make([][][]float64, 2)
		for h := range probs[l] {
			m := make([][]float64, n)
			for q := range m {
				logits := make([]float64, n)
				for k := range logits {
					logits[k] = 1.5 * rng.NormFloat64()
				}
				if l == 1 && h == 1 && q == 5 {
					logits[8] += 6
				}
				m[q] = softmax(logits)
			}
			probs[l][h] = m
		}
	}
	return tokens, probs
}

func softmax(xs []float64) []float64 {
	out := make([]float64, len(xs))
	mx := math.Inf(-1)
	for _, x := range xs {
		mx = math.Max(mx, x)
	}
	var s float64
	for i, x := range xs {
		out[i] = math.Exp(x - mx)
		s += out[i]
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

// writePictures draws the three figures of the synthetic case into dir.
func writePictures(dir string) (map[string]string, error) {
	reps, vecs, senses := synthetic()
	names := []string{"river", "money"}
	paths := map[string]string{
		"pca":       filepath.Join(dir, "bank_pca.png"),
		"layers":    filepath.Join(dir, "bank_layers.png"),
		"attention": filepath.Join(dir, "attention.png"),
	}
	panels := []Panel{
		{Title: "static embedding", Vecs: vecs["static"]},
		{Title: "final layer (layer2)", Vecs: vecs["layer2"]},
	}
	if err := PlotPCA(paths["pca"], "bank", panels, senses, names); err != nil {
		return nil, err
	}
	auc := make([]float64, len(reps))
	gap := make([]float64, len(reps))
	for i, r := range reps {
		var err error
		if auc[i], err = PairAUC(vecs[r], senses); err != nil {
			return nil, err
		}
		if gap[i], err = SenseGap(vecs[r], senses); err != nil {
			return nil, err
		}
	}
	if err := PlotLayers(paths["layers"], "bank", reps, auc, gap, 0.62, 0.05); err != nil {
		return nil, err
	}
	tokens, probs := syntheticAttention()
	if err := PlotAttention(paths["attention"], tokens, probs, `attention in "the boat drifted to the bank of the river"`); err != nil {
		return nil, err
	}

	// A bigger model and a longer sentence, to check the layout scales.
	long := []string{"she", "sat", "on", "the", "grassy", "bank", "and", "watched", "the", "water", "flow", "past", "the", "old", "mill", "wheel"}
	rng := rand.New(rand.NewPCG(8, 9))
	big := make([][][][]float64, 3)
	for l := range big {
		big[l] = make([][][]float64, 4)
		for h := range big[l] {
			big[l][h] = make([][]float64, len(long))
			for q := range long {
				logits := make([]float64, len(long))
				for k := range logits {
					logits[k] = 2 * rng.NormFloat64()
				}
				big[l][h][q] = softmax(logits)
			}
		}
	}
	paths["attention_big"] = filepath.Join(dir, "attention_big.png")
	if err := PlotAttention(paths["attention_big"], long, big, "3 layers x 4 heads, 16 tokens"); err != nil {
		return nil, err
	}
	return paths, nil
}

// TestPlots writes each figure and checks that it is a real PNG of a
// sensible size. Set EVAL_PLOT_DIR to keep the pictures for a look.
func TestPlots(t *testing.T) {
	dir := os.Getenv("EVAL_PLOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	paths, err := writePictures(dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if b := img.Bounds(); b.Dx() <= 300 || b.Dy() <= 300 {
			t.Errorf("%s: image is only %dx%d", name, b.Dx(), b.Dy())
		}
	}
}

func TestPlotErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.png")
	tokens, probs := syntheticAttention()
	v2 := [][]float64{{1, 0}, {0, 1}}
	s2 := []int{0, 1}
	names := []string{"river", "money"}
	ragged := [][][][]float64{probs[0], probs[1][:1]}
	short := [][][][]float64{{probs[0][0][:3]}}
	notProb := [][][][]float64{{{{2, -1}, {0.5, 0.5}}}}

	tests := []struct {
		name string
		err  error
		want error
	}{
		{"PCA no panels", PlotPCA(out, "bank", nil, s2, names), ErrEmpty},
		{"PCA no senses", PlotPCA(out, "bank", []Panel{{"a", nil}}, nil, names), ErrEmpty},
		{"PCA panel length", PlotPCA(out, "bank", []Panel{{"a", v2[:1]}}, s2, names), ErrMismatch},
		{"PCA unnamed sense", PlotPCA(out, "bank", []Panel{{"a", v2}}, []int{0, 2}, names), ErrMismatch},
		{"PCA ragged vectors", PlotPCA(out, "bank", []Panel{{"a", [][]float64{{1, 0}, {1}}}}, s2, names), ErrMismatch},
		{"layers empty", PlotLayers(out, "bank", nil, nil, nil, 0.5, 0), ErrEmpty},
		{"layers auc length", PlotLayers(out, "bank", []string{"a", "b"}, []float64{1}, []float64{0, 1}, 0.5, 0), ErrMismatch},
		{"layers gap length", PlotLayers(out, "bank", []string{"a"}, []float64{1}, nil, 0.5, 0), ErrMismatch},
		{"layers NaN", PlotLayers(out, "bank", []string{"a"}, []float64{math.NaN()}, []float64{0}, 0.5, 0), ErrNotFinite},
		{"attention no tokens", PlotAttention(out, nil, probs, "t"), ErrEmpty},
		{"attention no maps", PlotAttention(out, tokens, nil, "t"), ErrEmpty},
		{"attention tokens vs shape", PlotAttention(out, tokens[:4], probs, "t"), ErrMismatch},
		{"attention heads differ", PlotAttention(out, tokens, ragged, "t"), ErrMismatch},
		{"attention short rows", PlotAttention(out, tokens, short, "t"), ErrMismatch},
		{"attention not a probability", PlotAttention(out, []string{"a", "b"}, notProb, "t"), ErrNotFinite},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: error = %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed plot left a file behind: %v", err)
	}
	if err := PlotLayers(filepath.Join(dir, "missing", "x.png"), "bank", []string{"a"}, []float64{1}, []float64{0}, 0.5, 0); err == nil {
		t.Error("PlotLayers into a missing directory: no error")
	}
}
