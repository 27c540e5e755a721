#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(byts(max = 1))]
    a: String,
    #[validate(lenght(max = 1), required)]
    b: String,
}

fn main() {}
