package graph

import "fmt"

// The ops that build the graph (Linear, Add, Attention, ...) return nodes,
// not errors: the first error is kept, as bufio.Scanner keeps its, and every
// op after it returns nil. Compile reports it, so a builder reads top to
// bottom and checks once.

// Err is the first error of the ops built so far, or nil.
func (g *Graph) Err() error { return g.err }

// Fail records err, unless an earlier error is already kept, and returns nil:
// for builders outside graph that check their own arguments.
func (g *Graph) Fail(err error) *Node { return g.fail(err) }

func (g *Graph) fail(err error) *Node {
	if g.err == nil {
		g.err = err
	}
	return nil
}

// keep returns n, or records err and returns nil.
func (g *Graph) keep(n *Node, err error) *Node {
	if err != nil {
		return g.fail(err)
	}
	return n
}

// live reports whether op may build: no error is kept and every input it
// needs exists (a nil one, not due to an earlier error, is recorded).
func (g *Graph) live(op string, in ...*Node) bool {
	if g.err != nil {
		return false
	}
	for i, n := range in {
		if n == nil {
			g.fail(fmt.Errorf("%s: input %d is nil", op, i))
			return false
		}
	}
	return true
}
