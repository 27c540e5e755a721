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
    First(String),
    #[wire(unknown)]
    Second(String),
}

#[derive(mpapi_derive::WireEnum)]
#[wire(integer)]
enum WrongRawType {
    #[wire(unknown, code = 3)]
    Unknown(String),
}

fn main() {}
