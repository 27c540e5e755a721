#[derive(mpapi_derive::WireEnum)]
#[wire(string)]
enum Bad {
    #[wire(name = "A", code = 1)]
    WithField(u8),
    #[wire(name = "B")]
    NoCode,
    NoAttributes,
    #[wire(nmae = "D", code = "4")]
    Typos,
    #[wire(unknown)]
    Unknown(mpapi_runtime::UnknownValue),
}

fn main() {}
