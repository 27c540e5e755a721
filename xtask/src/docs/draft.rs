pub fn draft_file(_p: &std::path::Path, _s: Option<&str>, _id: &str) -> Result<String, String> {
    Err("todo".into())
}
