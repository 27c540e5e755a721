#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(pattern(regex = "^(unclosed$"))]
    a: String,
    #[validate(each(pattern(regex = "[z-a]")))]
    b: Vec<String>,
    #[validate(pattern(regex = 5))]
    c: String,
}

fn main() {}
