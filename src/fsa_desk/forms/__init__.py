"""forms layer."""
