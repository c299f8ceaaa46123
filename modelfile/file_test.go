package modelfile_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/attendlab/attend/arch"
	"github.com/attendlab/attend/checkpoint"
	"github.com/attendlab/attend/configs"
	"github.com/attendlab/attend/data"
	"github.com/attendlab/attend/internal/torchref"
	"github.com/attendlab/attend/model"
	"github.com/attendlab/attend/modelfile"
	"gorgonia.org/tensor"
)

// writeF64 writes tensors as a float64 safetensors file, the way PyTorch's
// safetensors.torch.save_file stores a float64 state dict.
func writeF64(t *testing.T, path string, ts map[string]torchref.Tensor, meta map[string]string) {
	t.Helper()
	names := make([]string, 0, len(ts))
	for n := range ts {
		names = append(names, n)
	}
	sort.Strings(names)
	header := map[string]any{"__metadata__": meta}
	var body bytes.Buffer
	for _, n := range names {
		start := body.Len()
		for _, v := range ts[n].Data {
			_ = binary.Write(&body, binary.LittleEndian, math.Float64bits(v))
		}
		header[n] = map[string]any{"dtype": "F64", "shape": ts[n].Shape, "data_offsets": []int{start, body.Len()}}
	}
	hb, err := json.Marshal(header)
	if err != nil {
		t.Fatal(err)
	}
	for len(hb)%8 != 0 {
		hb = append(hb, ' ')
	}
	var out bytes.Buffer
	_ = binary.Write(&out, binary.LittleEndian, uint64(len(hb)))
	out.Write(hb)
	out.Write(body.Bytes())
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadPyTorchFile loads a safetensors file laid out as PyTorch writes it
// (float64, state-dict names, attend metadata) and checks the model computes
// the reference hidden states from it.
func TestReadPyTorchFile(t *testing.T) {
	c, err := torchref.Load("model_pre_gelu_sinusoidal.json")
	if err != nil {
		t.Fatal(err)
	}
	cfg := configFrom(t, c)
	params := map[string]torchref.Tensor{}
	for k, v := range c.Tensors {
		if name, ok := strings.CutPrefix(k, "param."); ok {
			params[name] = v
		}
	}
	cj, _ := json.Marshal(cfg.Shape)
	vocab := []string{data.PadToken, data.UnkToken, data.MaskToken}
	for len(vocab) < cfg.Vocab {
		vocab = append(vocab, "w"+string(rune('a'+len(vocab))))
	}
	vj, _ := json.Marshal(vocab)
	path := filepath.Join(t.TempDir(), "torch.safetensors")
	writeF64(t, path, params, map[string]string{"format": modelfile.Format, "config": string(cj), "vocab": string(vj)})

	f, err := modelfile.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Config(); got.Vocab != cfg.Vocab || got.DModel != cfg.DModel || got.Senses != 0 {
		t.Fatalf("config from metadata: %+v", got)
	}
	ids := tensorOf(t, c, "in.ids")
	m, err := model.New(f.Config(), ids.Shape[0], ids.Shape[1], model.Options{Dtype: tensor.Float32, Observe: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := modelfile.Load(m, f.Tensors); err != nil {
		t.Fatal(err)
	}
	b := data.Batch{B: ids.Shape[0], T: ids.Shape[1], IDs: ids.Ints(), Pad: make([]bool, ids.Size()),
		Target: make([]int, ids.Shape[0]), Sense: make([]int, ids.Shape[0])}
	for i, id := range b.IDs {
		b.Pad[i] = id == data.PadID
	}
	if _, err := m.Run(b, false, nil); err != nil {
		t.Fatal(err)
	}
	h := m.Hidden()
	want := tensorOf(t, c, "out.hidden")
	abs, rel, bad := torchref.Check(h[len(h)-1], want.Data, 1e-4, 1e-5)
	t.Logf("hidden from a float64 PyTorch-style file: max abs %.3g, max rel %.3g", abs, rel)
	if bad >= 0 {
		t.Errorf("hidden[%d] = %v, want %v", bad, h[len(h)-1][bad], want.Data[bad])
	}
}

// TestReadOlderFile: a model file whose config metadata is spelled as files
// written before the shape was one type (arch.Shape) loads with that shape.
func TestReadOlderFile(t *testing.T) {
	const old = `{"d_model":4,"heads":2,"ff":8,"layers":1,"max_len":5,"norm_first":false,"activation":"relu","positions":"learned","dropout":0.1}`
	want := model.Config{Vocab: 4, Shape: arch.Shape{DModel: 4, Heads: 2, FF: 8, Layers: 1, MaxLen: 5, Activation: arch.ReLU, Positions: arch.Learned, Dropout: 0.1}}
	m, err := model.New(want, 1, 5, model.Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	meta := map[string]string{"format": modelfile.Format, "config": old, "vocab": `["[PAD]","[UNK]","[MASK]","bank"]`, "senses": "[]"}
	b, err := checkpoint.EncodeSafetensors(modelfile.Tensors(m), meta)
	if err != nil {
		t.Fatal(err)
	}
	f, err := modelfile.DecodeFile(b, "old")
	if err != nil {
		t.Fatal(err)
	}
	if f.Config() != want {
		t.Errorf("config %+v, want %+v", f.Config(), want)
	}
	if err := modelfile.Load(m, f.Tensors); err != nil {
		t.Error(err)
	}
}

// TestEncodeRoundTrip: a model written and read back has the same tensors,
// config, vocabulary and senses.
func TestEncodeRoundTrip(t *testing.T) {
	cfg := model.Config{Vocab: 7, Senses: 2, Shape: arch.Shape{DModel: 4, Heads: 2, FF: 8, Layers: 1, MaxLen: 5, NormFirst: true, Activation: arch.GELU, Positions: arch.Learned}}
	m, err := model.New(cfg, 1, 5, model.Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	vocab := []string{data.PadToken, data.UnkToken, data.MaskToken, "bank", "river", "loan", "the"}
	run := &modelfile.TrainingRun{Seed: 9, Data: configs.Data{Corpus: "files", TrainFile: "/x/train.tsv", Words: []string{"bank"}}}
	b, err := modelfile.Encode(m, vocab, []string{"bank:finance", "bank:river"}, run)
	if err != nil {
		t.Fatal(err)
	}
	f, err := modelfile.DecodeFile(b, "mem")
	if err != nil {
		t.Fatal(err)
	}
	if f.Config() != cfg {
		t.Errorf("config %+v, want %+v", f.Config(), cfg)
	}
	if f.Run == nil || f.Run.Seed != 9 || f.Run.Data.TrainFile != run.Data.TrainFile || strings.Join(f.Run.Data.Words, " ") != "bank" {
		t.Errorf("run %+v, want %+v", f.Run, run)
	}
	if strings.Join(f.Vocab, " ") != strings.Join(vocab, " ") || len(f.Senses) != 2 {
		t.Errorf("vocab %v senses %v", f.Vocab, f.Senses)
	}
	orig := modelfile.Tensors(m)
	for name, ts := range f.Tensors {
		for i := range ts.Data {
			if ts.Data[i] != orig[name].Data[i] {
				t.Fatalf("%s[%d] = %v, want %v", name, i, ts.Data[i], orig[name].Data[i])
			}
		}
	}
	if len(f.Tensors) != len(orig) {
		t.Errorf("%d tensors, want %d", len(f.Tensors), len(orig))
	}
}

// TestLoadErrors: a file that does not fit the model names the parameter.
func TestLoadErrors(t *testing.T) {
	cfg := model.Config{Vocab: 7, MLMHead: true, Shape: arch.Shape{DModel: 4, Heads: 2, FF: 8, Layers: 1, MaxLen: 5, NormFirst: false, Activation: arch.ReLU, Positions: arch.Sinusoidal}}
	m, err := model.New(cfg, 1, 5, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	good := modelfile.Tensors(m)
	for _, tc := range []struct {
		name, want string
		edit       func(map[string][]int)
	}{
		{"missing", "embed.weight", func(s map[string][]int) { delete(s, "embed.weight") }},
		{"extra", "sense_head.weight", func(s map[string][]int) { s["sense_head.weight"] = []int{2, 4} }},
		{"shape", "mlm_head.weight", func(s map[string][]int) { s["mlm_head.weight"] = []int{4, 7} }},
	} {
		shapes := map[string][]int{}
		for n, x := range good {
			shapes[n] = x.Shape
		}
		tc.edit(shapes)
		in := map[string]checkpoint.Tensor{}
		for n, s := range shapes {
			size := 1
			for _, d := range s {
				size *= d
			}
			in[n] = checkpoint.Tensor{Shape: s, Data: make([]float32, size)}
		}
		if err := modelfile.Load(m, in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error naming %s", tc.name, err, tc.want)
		}
	}
	huge, _ := json.Marshal(arch.Shape{DModel: 100000, Heads: 1, FF: 8, Layers: 1, MaxLen: 100000000, Activation: arch.ReLU, Positions: arch.Sinusoidal})
	for _, meta := range []map[string]string{
		{"format": modelfile.Format, "config": string(huge), "vocab": `["[PAD]","[UNK]","[MASK]","a"]`},
		{"format": "other"},
		{"format": modelfile.Format, "config": "{", "vocab": "[]"},
		{"format": modelfile.Format, "config": `{"d_model":4}`, "vocab": "[]"},
	} {
		path := filepath.Join(t.TempDir(), "bad.safetensors")
		writeF64(t, path, map[string]torchref.Tensor{"x": {Shape: []int{1}, Data: []float64{1}}}, meta)
		if _, err := modelfile.ReadFile(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("metadata %v: got %v, want an error naming the file", meta, err)
		}
	}
}

// TestLoadInit: the heads are optional on both sides of --init-from and the
// sense head starts fresh for other senses; a grown vocabulary keeps the
// file's rows and starts the rest as a fresh model of the same seed would.
func TestLoadInit(t *testing.T) {
	shape := arch.Shape{DModel: 4, Heads: 2, FF: 8, Layers: 1, MaxLen: 5, NormFirst: true, Activation: arch.GELU, Positions: arch.Learned}
	build := func(vocab, senses int, mlm bool, seed uint64) *model.Model {
		m, err := model.New(model.Config{Shape: shape, Vocab: vocab, Senses: senses, MLMHead: mlm}, 1, 5, model.Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	tests := []struct {
		name                         string
		fileVocab, fileSenses, model int
		fileMLM, freshHead           bool
		wantFresh, wantRows          int
	}{
		{"file without sense head", 7, 0, 2, true, false, 2, 0},
		{"model without sense head", 7, 2, 0, true, false, 0, 0},
		{"both", 7, 2, 2, true, false, 0, 0},
		{"file without masked-LM head", 7, 2, 2, false, false, 2, 0},
		{"other senses", 7, 12, 2, true, true, 2, 0},
		{"grown vocabulary", 5, 2, 2, true, false, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, dst := build(tt.fileVocab, tt.fileSenses, tt.fileMLM, 1), build(7, tt.model, true, 2)
			seeded := modelfile.Tensors(dst)
			fresh, err := modelfile.LoadInit(dst, modelfile.Tensors(src), tt.freshHead)
			if err != nil {
				t.Fatal(err)
			}
			if len(fresh.Params) != tt.wantFresh || fresh.Rows != tt.wantRows {
				t.Fatalf("fresh %v, %d rows; want %d parameters, %d rows", fresh.Params, fresh.Rows, tt.wantFresh, tt.wantRows)
			}
			for _, name := range []string{"embed.weight", "mlm_head.bias"} {
				got, file := modelfile.Tensors(dst)[name].Data, modelfile.Tensors(src)[name].Data
				if !tt.fileMLM && name != "embed.weight" {
					file = nil
				}
				n := len(file)
				if !slices.Equal(got[:n], file) {
					t.Errorf("%s: the file's rows not loaded", name)
				}
				if !slices.Equal(got[n:], seeded[name].Data[n:]) {
					t.Errorf("%s: the rows the file lacks are not the seeded ones", name)
				}
			}
			if tt.model > 0 && (tt.freshHead || tt.fileSenses == 0) {
				w := modelfile.Tensors(dst)["sense_head.weight"].Data
				if !slices.Equal(w, seeded["sense_head.weight"].Data) {
					t.Error("the fresh sense head changed")
				}
			}
		})
	}
	if _, err := modelfile.LoadInit(build(9, 2, true, 2), modelfile.Tensors(build(7, 2, true, 1)), false); err != nil {
		t.Errorf("vocabulary of 9 from a file of 7: %v", err)
	}
	if _, err := modelfile.LoadInit(build(5, 2, true, 2), modelfile.Tensors(build(7, 2, true, 1)), false); err == nil || !strings.Contains(err.Error(), "embed.weight") {
		t.Errorf("vocabulary of 5 from a file of 7: got %v, want an error naming embed.weight", err)
	}
}
