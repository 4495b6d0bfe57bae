fn main() {
    scholia::start();
}
