#[derive(mpapi_derive::WireEnum)]
#[wire(string)]
enum Dup {
    #[wire(name = "A", code = 1)]
    A,
    #[wire(name = "A", code = 2)]
    B,
    #[wire(name = "C", code = 1)]
    C,
    #[wire(unknown)]
    Unknown(mpapi_runtime::UnknownValue),
}

fn main() {}
