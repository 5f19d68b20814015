"""Bundles between laptops (DESIGN.md §5): keys and cards, the bundle format, verification, merge.

``keys``, ``cards``: signing keys, fingerprints, device cards and the team file.
``canonical``, ``manifest``, ``container``, ``payload``, ``changes``: the bundle format.
``bundle``: sealing a bundle and verifying one with the database untouched.
``apply``: the set-based merge of a verified bundle into the store.
"""
