// Package docs checks the project's markdown: every relative link of
// README.md and the files under docs/ (and every other .md file of the
// repository) names a file that exists, a #fragment names a heading of
// that file, and README.md stays short enough to read. It has no code of
// its own; the checks are its tests.
package docs
