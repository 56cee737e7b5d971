//! Synthetic, schema-faithful data exports of any size, deterministic by seed, with a truth
//! file of every memory planted. (To be written.)
