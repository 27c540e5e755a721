#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(range(max = 5))]
    text: String,
    #[validate(bytes(max = 5))]
    number: u32,
    #[validate(range(min = 0.5))]
    integer: i64,
    #[validate(each(chars(max = 2)))]
    flags: Vec<bool>,
}

fn main() {}
