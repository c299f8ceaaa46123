// Package clitest holds no code: its tests build cmd/train and cmd/eval once
// and run the binaries as a new user would, from a fresh folder, checking
// what they print and write.
package clitest
