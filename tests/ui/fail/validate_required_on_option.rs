#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(required(code = 1))]
    a: Option<String>,
}

fn main() {}
