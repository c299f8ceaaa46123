// Package checkpoint saves and loads training checkpoints: atomic
// step-NNNNNN folders of named files with a verified manifest, the latest
// file, pruning, and the safetensors format. Which files a run's checkpoint
// holds, and its state, is package runfolder's.
//
// Model parameters are stored as safetensors files (see EncodeSafetensors and
// ReadSafetensors) so that they can be inspected or loaded from Python.
//
// A run folder holds one step-NNNNNN folder per checkpoint and a text file
// named latest that names the newest complete one:
//
//	run/
//	  latest               "step-000400\n"
//	  step-000200/
//	    model.safetensors
//	    optimizer.safetensors
//	    state.json         {"files": {name: sha256}, "state": ...}
//	  step-000400/
//	    ...
//
// Every write goes to a temporary name first, is fsynced, and is then
// renamed into place, so a crash at any moment leaves the previous
// checkpoint loadable and latest naming a complete folder. A run folder is
// meant to have a single writer at a time.
package checkpoint
