# shellcheck shell=bash
# Sourced by tools/*: worktree_copy TOP DEST copies the working tree at TOP
# (tracked and new files, not ignored ones, less those deleted but not yet
# committed) into DEST, over what DEST already holds.
worktree_copy() {
	(cd "$1" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do
			if [[ -e $f ]]; then printf '%s\0' "$f"; fi
		done | tar --null -T - -cf -) | tar -xf - -C "$2"
}
