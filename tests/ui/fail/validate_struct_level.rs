#[derive(serde::Deserialize, mpapi_derive::Validate)]
#[validate(rule = Self::check)]
#[validate(rules = "Self::check")]
#[serde(rename_all = "camelCase")]
struct A {
    #[serde(default)]
    #[validate(required(code = 3))]
    a: String,
    #[validate(rules = Self::check)]
    b: String,
    #[validate]
    c: String,
}

fn main() {}
