#[derive(mpapi_derive::Validate)]
struct A {
    #[validate(items(max = 3))]
    not_a_list: String,
    #[validate(bytes(max = 3))]
    list: Vec<String>,
    #[validate(pattern(regex = "^a"), format(date_time))]
    optional_list: Option<Vec<String>>,
    #[validate(each(bytes(max = 3)))]
    not_a_list_either: Option<String>,
    #[validate(each(items(max = 2), required))]
    nested: Vec<String>,
}

fn main() {}
