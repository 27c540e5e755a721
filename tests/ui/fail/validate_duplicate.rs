#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(bytes(max = 3))]
    #[validate(bytes(max = 4))]
    a: String,
    #[validate(items(max = 2), each(pattern(regex = "a"), pattern(regex = "b")))]
    b: Vec<String>,
}

fn main() {}
