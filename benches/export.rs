//! Export benchmarks (placeholder while being written).
fn main() {}
