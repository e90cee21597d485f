"""Helpers for anycastd's topology tests (real FRR + gobgpd in netns)."""
