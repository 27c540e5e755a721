#[derive(mpapi_derive::WireEnum)]
enum NoForm {
    #[wire(name = "A", code = 1)]
    A,
    #[wire(unknown)]
    Unknown(mpapi_runtime::UnknownValue),
}

#[derive(mpapi_derive::WireEnum)]
#[wire(string, integer, invalid = 3)]
enum TwoForms {
    #[wire(name = "A", code = 1)]
    A,
    #[wire(unknown)]
    Unknown(mpapi_runtime::UnknownValue),
}

#[derive(mpapi_derive::WireEnum)]
#[wire(string)]
struct NotAnEnum {
    a: String,
}

fn main() {}
