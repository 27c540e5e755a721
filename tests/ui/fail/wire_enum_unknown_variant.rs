#[derive(mpapi_derive::WireEnum)]
#[wire(string)]
enum NoUnknown {
    #[wire(name = "A", code = 1)]
    A,
}

#[derive(mpapi_derive::WireEnum)]
#[wire(string)]
enum TwoUnknown {
    #[wire(unknown)]
    First(mpapi_runtime::UnknownValue),
    #[wire(unknown)]
    Second(mpapi_runtime::UnknownValue),
}

#[derive(mpapi_derive::WireEnum)]
#[wire(integer)]
enum WrongRawType {
    #[wire(unknown, code = 3)]
    Unknown(String),
}

fn main() {}
