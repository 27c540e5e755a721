#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(bytes(max = 64, min_code = 1))]
    a: String,
    #[validate(items(min = 1, max_code = 2))]
    b: Vec<u8>,
    #[validate(range(min = 1, max = 9, min_code = 3, max_code = 4, code = 5))]
    c: i32,
    #[validate(each(chars(min_code = 6)))]
    d: Vec<String>,
    #[validate(chars(min = 1, min_code = 7, code = 8))]
    e: String,
    #[validate(bytes(min = 1, min_code = "x", max_cod = 9))]
    f: String,
}

fn main() {}
