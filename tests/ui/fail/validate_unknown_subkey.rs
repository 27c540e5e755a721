#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(bytes(mx = 3, max = 4))]
    a: String,
    #[validate(range(minimum = 1, max = 2))]
    b: u32,
    #[validate(pattern(regexp = "^a$"))]
    c: String,
    #[validate(format(datetime))]
    d: String,
    #[validate(bytes(max = 3, max = 4))]
    e: String,
}

fn main() {}
