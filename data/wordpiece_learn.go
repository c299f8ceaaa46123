package data

import (
	"container/heap"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// baseAlphabet is what every WordPiece vocabulary holds, both as a word's
// first piece and as a continuation, whether or not the training split has
// it: a–z, the digits and Latin-1's lower-case letters (café, naïve), so that
// no English word of letters is ever read as [UNK].
func baseAlphabet() []rune {
	var rs []rune
	for r := 'a'; r <= 'z'; r++ {
		rs = append(rs, r)
	}
	for r := '0'; r <= '9'; r++ {
		rs = append(rs, r)
	}
	for r := rune(0xDF); r <= 0xFF; r++ {
		if r != 0xF7 { // ÷ is a symbol, not a letter
			rs = append(rs, r)
		}
	}
	return rs
}

// LearnWordPiece learns a WordPiece vocabulary of at most size ids, specials
// included, from the words of sentences, as Hugging Face's WordPiece trainer
// does: it starts from single letters (a word's first as itself, the others
// as "##x") and repeatedly merges the adjacent pair of pieces that occurs
// most often, counting each word as often as it occurs (ties: the pair whose
// pieces sort first), until the vocabulary has size ids or every word is one
// piece. Ids follow the order of learning, so the same words always give the
// same vocabulary. It fails when the letters alone need more than size ids.
func LearnWordPiece(sentences [][]string, size int) (*Vocab, error) {
	l := &learner{ids: map[string]int32{}, pairs: map[uint64]int{}, where: map[uint64][]int32{}, in: map[string]bool{}}
	counts := map[string]int{}
	for _, s := range sentences {
		for _, w := range s {
			if w != "" && !isSpecial(w) {
				counts[w]++
			}
		}
	}
	words := slices.Sorted(maps.Keys(counts))
	letters := map[string]bool{}
	for _, r := range baseAlphabet() {
		letters[string(r)], letters[ContinuationPrefix+string(r)] = true, true
	}
	for _, w := range words {
		var seq []int32
		for i, r := range w {
			p := string(r)
			if i > 0 {
				p = ContinuationPrefix + p
			}
			letters[p] = true
			seq = append(seq, l.intern(p))
		}
		l.words = append(l.words, seq)
		l.freq = append(l.freq, counts[w])
	}
	if need := numSpecial + len(letters); need > size {
		return nil, fmt.Errorf("vocabulary size %d is smaller than the %d ids the single letters and specials need", size, need)
	}
	for _, p := range slices.Sorted(maps.Keys(letters)) {
		l.add(p)
	}
	l.countPairs()
	for len(l.order)+numSpecial < size {
		a, b, ok := l.best()
		if !ok {
			break // every word is one piece
		}
		l.merge(a, b)
	}
	return NewVocab(append([]string{PadToken, UnkToken, MaskToken}, l.order...))
}

// learner holds the training split's distinct words as sequences of piece
// ids and the count of every adjacent pair.
type learner struct {
	syms   []string         // piece id -> piece
	ids    map[string]int32 // piece -> piece id
	words  [][]int32        // each distinct word as pieces
	freq   []int            // how often each word occurs
	pairs  map[uint64]int   // pair -> occurrences
	where  map[uint64][]int32
	queue  pairQueue
	order  []string // the vocabulary in learning order
	in     map[string]bool
	stamp  []int // stamp[w] == merges once word w was rewritten by the latest merge (dedupes where)
	merges int
}

func (l *learner) intern(p string) int32 {
	if id, ok := l.ids[p]; ok {
		return id
	}
	id := int32(len(l.syms))
	l.syms, l.ids[p] = append(l.syms, p), id
	return id
}

func (l *learner) add(p string) {
	if !l.in[p] {
		l.in[p] = true
		l.order = append(l.order, p)
	}
}

func key(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

func (l *learner) countPairs() {
	l.stamp = make([]int, len(l.words))
	for w, seq := range l.words {
		for i := 1; i < len(seq); i++ {
			k := key(seq[i-1], seq[i])
			l.pairs[k] += l.freq[w]
			l.where[k] = append(l.where[k], int32(w))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(l.pairs)) {
		l.queue.items = append(l.queue.items, l.entry(k))
	}
	l.queue.syms = &l.syms
	heap.Init(&l.queue)
}

func (l *learner) entry(k uint64) pairEntry {
	return pairEntry{count: l.pairs[k], a: int32(k >> 32), b: int32(uint32(k))}
}

// best pops the most frequent pair, skipping queue entries whose count has
// changed since they were pushed (the current count was pushed again).
func (l *learner) best() (a, b int32, ok bool) {
	for l.queue.Len() > 0 {
		e := heap.Pop(&l.queue).(pairEntry)
		if c := l.pairs[key(e.a, e.b)]; c > 0 && c == e.count {
			return e.a, e.b, true
		}
	}
	return 0, 0, false
}

// merge joins every occurrence of the pair (a, b) into one piece and updates
// the pair counts of the words it occurs in.
func (l *learner) merge(a, b int32) {
	joined := l.syms[a] + strings.TrimPrefix(l.syms[b], ContinuationPrefix)
	m := l.intern(joined)
	l.add(joined)
	k := key(a, b)
	l.merges++
	stamp := l.merges
	changed := map[uint64]bool{}
	for _, w := range l.where[k] {
		if l.stamp[w] == stamp {
			continue
		}
		l.stamp[w] = stamp
		seq, f := l.words[w], l.freq[w]
		var out []int32
		for i := 0; i < len(seq); i++ {
			if i+1 < len(seq) && seq[i] == a && seq[i+1] == b {
				out = append(out, m)
				i++
				continue
			}
			out = append(out, seq[i])
		}
		if len(out) == len(seq) {
			continue
		}
		for i := 1; i < len(seq); i++ {
			pk := key(seq[i-1], seq[i])
			if l.pairs[pk] -= f; l.pairs[pk] == 0 {
				delete(l.pairs, pk)
			}
			changed[pk] = true
		}
		for i := 1; i < len(out); i++ {
			pk := key(out[i-1], out[i])
			l.pairs[pk] += f
			l.where[pk] = append(l.where[pk], w)
			changed[pk] = true
		}
		l.words[w] = out
	}
	delete(l.where, k)
	for _, pk := range slices.Sorted(maps.Keys(changed)) {
		if l.pairs[pk] > 0 {
			heap.Push(&l.queue, l.entry(pk))
		}
	}
}

// pairEntry is a pair and its count when pushed.
type pairEntry struct {
	count int
	a, b  int32
}

// pairQueue is a max-heap by count, ties broken by the pieces' text.
type pairQueue struct {
	items []pairEntry
	syms  *[]string
}

func (q *pairQueue) Len() int { return len(q.items) }
func (q *pairQueue) Less(i, j int) bool {
	x, y := q.items[i], q.items[j]
	if x.count != y.count {
		return x.count > y.count
	}
	s := *q.syms
	if c := strings.Compare(s[x.a], s[y.a]); c != 0 {
		return c < 0
	}
	return s[x.b] < s[y.b]
}
func (q *pairQueue) Swap(i, j int) { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *pairQueue) Push(x any)    { q.items = append(q.items, x.(pairEntry)) }
func (q *pairQueue) Pop() any {
	e := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	return e
}
