# shellcheck shell=bash
# Sourced by tools/*: worktree_copy TOP DEST copies the working tree at TOP
# (tracked and new files, not ignored ones, less those deleted but not yet
# committed) into DEST, over what DEST already holds.  The list of copied
# files is kept in DEST/.worktree-files: a file an earlier copy brought
# that is no longer in the tree is removed (build outputs stay).
worktree_copy() {
	local list=$2/.worktree-files new
	new=$(mktemp)
	(cd "$1" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do
			if [[ -e $f ]]; then printf '%s\0' "$f"; fi
		done) >"$new"
	if [[ -f $list ]]; then
		# in the old list, not in the new one: gone from the tree
		comm -z -23 <(sort -z "$list") <(sort -z "$new") |
			(cd "$2" && xargs -0 -r rm -f --)
	fi
	(cd "$1" && tar --null -T "$new" -cf -) | tar -xf - -C "$2"
	mv "$new" "$list"
}
