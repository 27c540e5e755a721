#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(format(date_time, url))]
    a: String,
    #[validate(format(code = 3))]
    b: String,
    #[validate(format(uri))]
    c: String,
}

fn main() {}
