#[derive(mpapi_derive::Validate)]
enum E {
    A,
}

#[derive(mpapi_derive::Validate)]
struct Tuple(String);

#[derive(mpapi_derive::Validate)]
struct Unit;

#[derive(mpapi_derive::Validate)]
struct Generic<T> {
    t: T,
}

#[derive(mpapi_derive::Validate)]
union U {
    a: u32,
}

fn main() {}
