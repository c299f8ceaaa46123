package checkpoint

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"os"
	"sort"
	"unsafe"

	"github.com/nlpodyssey/safetensors"
)

// Tensor is a named parameter's shape and row-major values.
type Tensor struct {
	Shape []int
	Data  []float32
}

// metadataKey is the header entry that holds free-form string metadata
// rather than a tensor.
const metadataKey = "__metadata__"

// maxHeaderSize bounds the JSON header so that a damaged length field cannot
// make ReadSafetensors allocate or scan gigabytes; it matches the reference
// implementation's limit.
const maxHeaderSize = 100_000_000

// EncodeSafetensors returns tensors as F32 in the safetensors format
// (https://github.com/huggingface/safetensors) with meta as its
// "__metadata__" entry. Tensors are laid out in name order and the header
// keys are sorted, so the same tensors and metadata always give the same
// bytes; Save writes them into a checkpoint folder atomically. The tensors'
// values are read in place during the call (nothing may write them
// meanwhile); the bytes returned are a copy.
func EncodeSafetensors(tensors map[string]Tensor, meta map[string]string) ([]byte, error) {
	views, err := newF32Views(tensors)
	if err != nil {
		return nil, err
	}
	// One allocation that the file cannot outgrow: growing the buffer as it
	// filled cleared and copied about twice the file (a checkpoint's largest
	// cost).
	buf := bytes.NewBuffer(make([]byte, 0, sizeBound(views, meta)))
	if err := safetensors.SerializeToWriter(views, meta, buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sizeBound is at least the size of the file EncodeSafetensors writes: the
// data, the header's length, and a header in which JSON writes at most 6
// bytes for each byte of a name or metadata string (\u00XX), each number at
// most 20 digits, an entry's fixed text under 96 bytes, and the padding.
func sizeBound(views map[string]f32View, meta map[string]string) int {
	size := 8 + 64 // the length, braces, the __metadata__ key, padding to 8
	for k, v := range meta {
		size += 6*(len(k)+len(v)) + 8
	}
	for name, v := range views {
		size += len(v.data) + 6*len(name) + 96 + 21*len(v.shape)
	}
	return size
}

// DecodeSafetensors parses the bytes of a safetensors file (see ReadSafetensors).
func DecodeSafetensors(b []byte) (map[string]Tensor, map[string]string, error) {
	return parseSafetensors(b)
}

// f32View adapts a Tensor to the safetensors.View the encoder consumes.
// It is used instead of safetensors.NewTensorView, which rejects scalars
// (shape []) although the format allows them.
type f32View struct {
	shape []uint64
	data  []byte
}

// newF32Views is newF32View for each tensor.
func newF32Views(tensors map[string]Tensor) (map[string]f32View, error) {
	views := make(map[string]f32View, len(tensors))
	for name, t := range tensors {
		v, err := newF32View(name, t)
		if err != nil {
			return nil, err
		}
		views[name] = v
	}
	return views, nil
}

func newF32View(name string, t Tensor) (f32View, error) {
	if name == "" || name == metadataKey {
		return f32View{}, fmt.Errorf("invalid tensor name %q", name)
	}
	shape := make([]uint64, len(t.Shape))
	for i, d := range t.Shape {
		if d < 0 {
			return f32View{}, fmt.Errorf("tensor %q: negative dimension in shape %v", name, t.Shape)
		}
		shape[i] = uint64(d)
	}
	n, ok := numElements(shape)
	if !ok || n != uint64(len(t.Data)) {
		return f32View{}, fmt.Errorf("tensor %q: shape %v needs %d values, have %d", name, t.Shape, n, len(t.Data))
	}
	return f32View{shape: shape, data: littleEndianBytes(t.Data)}, nil
}

// littleEndianBytes is x as the format's little-endian bytes: x's own memory
// where the machine is little-endian (the encoder only reads it, and a
// checkpoint is 16 MB that need not be copied twice), a converted copy
// elsewhere.
func littleEndianBytes(x []float32) []byte {
	if len(x) == 0 {
		return nil
	}
	if binary.NativeEndian.Uint16([]byte{1, 0}) == 1 {
		return unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), 4*len(x))
	}
	data := make([]byte, 4*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint32(data[4*i:], math.Float32bits(v))
	}
	return data
}

func (v f32View) DType() safetensors.DType { return safetensors.F32 }
func (v f32View) Shape() []uint64          { return v.shape }
func (v f32View) Data() []byte             { return v.data }
func (v f32View) DataLen() uint64          { return uint64(len(v.data)) }

// numElements is the product of shape (1 for a scalar); ok is false on
// overflow, which only a damaged header can cause.
func numElements(shape []uint64) (n uint64, ok bool) {
	n = 1
	for _, d := range shape {
		hi, lo := bits.Mul64(n, d)
		if hi != 0 {
			return 0, false
		}
		n = lo
	}
	return n, true
}

// headerEntry is one tensor's entry in the JSON header. The fields are
// pointers so that a missing one is an error rather than a zero value that
// might happen to pass the size check.
type headerEntry struct {
	DType       *string   `json:"dtype"`
	Shape       *[]uint64 `json:"shape"`
	DataOffsets *[]uint64 `json:"data_offsets"`
}

// ReadSafetensors reads a safetensors file's F32 and F64 tensors (F64 is
// converted to float32, for files written by tools that default to double)
// and its metadata. Other dtypes, a truncated file, a bad header, offsets
// out of range, or a data size that does not match the shape are errors
// naming the file and, where one is at fault, the tensor.
//
// It parses the format itself rather than through the safetensors package
// so that every error can say which tensor is damaged.
func ReadSafetensors(path string) (map[string]Tensor, map[string]string, error) {
	buf, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read safetensors %s: %w", path, err)
	}
	tensors, meta, err := parseSafetensors(buf)
	if err != nil {
		return nil, nil, fmt.Errorf("read safetensors %s: %w", path, err)
	}
	return tensors, meta, nil
}

func parseSafetensors(buf []byte) (map[string]Tensor, map[string]string, error) {
	if len(buf) < 8 {
		return nil, nil, fmt.Errorf("file is %d bytes, too short for the 8-byte header length (truncated?)", len(buf))
	}
	n := binary.LittleEndian.Uint64(buf[:8])
	if n > maxHeaderSize {
		return nil, nil, fmt.Errorf("header length %d exceeds the %d-byte limit (damaged file?)", n, maxHeaderSize)
	}
	if n > uint64(len(buf)-8) {
		return nil, nil, fmt.Errorf("header length %d exceeds the %d bytes after it (truncated?)", n, len(buf)-8)
	}
	header, data := buf[8:8+n], buf[8+n:]

	var raw map[string]json.RawMessage
	if err := json.Unmarshal(header, &raw); err != nil {
		return nil, nil, fmt.Errorf("bad header JSON: %w", err)
	}
	var meta map[string]string
	if m, ok := raw[metadataKey]; ok {
		if err := json.Unmarshal(m, &meta); err != nil {
			return nil, nil, fmt.Errorf("bad %s (want string values): %w", metadataKey, err)
		}
		delete(raw, metadataKey)
	}

	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Strings(names) // report the same tensor first on every run
	tensors := make(map[string]Tensor, len(raw))
	for _, name := range names {
		t, err := decodeTensor(raw[name], data)
		if err != nil {
			return nil, nil, fmt.Errorf("tensor %q: %w", name, err)
		}
		tensors[name] = t
	}
	return tensors, meta, nil
}

// decodeTensor checks one header entry against the data section and
// converts its values to float32.
func decodeTensor(entry json.RawMessage, data []byte) (Tensor, error) {
	var e headerEntry
	if err := json.Unmarshal(entry, &e); err != nil {
		return Tensor{}, fmt.Errorf("bad header entry: %w", err)
	}
	if e.DType == nil || e.Shape == nil || e.DataOffsets == nil {
		return Tensor{}, errors.New("header entry needs dtype, shape and data_offsets")
	}
	var size uint64
	switch *e.DType {
	case "F32":
		size = 4
	case "F64":
		size = 8
	default:
		return Tensor{}, fmt.Errorf("unsupported dtype %q (want F32 or F64)", *e.DType)
	}
	if len(*e.DataOffsets) != 2 {
		return Tensor{}, fmt.Errorf("data_offsets %v: want [begin, end]", *e.DataOffsets)
	}
	begin, end := (*e.DataOffsets)[0], (*e.DataOffsets)[1]
	if begin > end || end > uint64(len(data)) {
		return Tensor{}, fmt.Errorf("data_offsets [%d, %d] out of range of the %d data bytes (truncated?)", begin, end, len(data))
	}
	dims := *e.Shape
	count, ok := numElements(dims)
	if !ok || count > math.MaxInt/size {
		return Tensor{}, fmt.Errorf("shape %v is too large (damaged header?)", dims)
	}
	if count*size != end-begin {
		return Tensor{}, fmt.Errorf("shape %v of %s needs %d bytes, data_offsets hold %d", dims, *e.DType, count*size, end-begin)
	}

	shape := make([]int, len(dims))
	for i, d := range dims {
		if d > math.MaxInt32 {
			return Tensor{}, fmt.Errorf("shape %v: dimension %d too large", dims, d)
		}
		shape[i] = int(d)
	}
	raw := data[begin:end]
	values := make([]float32, count)
	for i := range values {
		if size == 4 {
			values[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		} else {
			values[i] = float32(math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:])))
		}
	}
	return Tensor{Shape: shape, Data: values}, nil
}
