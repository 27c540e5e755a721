#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(bytes(min = 10, max = 5))]
    a: String,
    #[validate(chars(code = 1))]
    b: String,
    #[validate(items())]
    c: Vec<u8>,
    #[validate(range(min = 3, max = -3))]
    d: i32,
    #[validate(range(code = 7))]
    e: i32,
    #[validate(bytes(max = -1), chars(max = 1.5))]
    f: String,
    #[validate(each())]
    g: Vec<String>,
}

fn main() {}
