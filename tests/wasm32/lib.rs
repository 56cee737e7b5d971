//! Nothing: the tests are in `tests/`, and run only on wasm32.
