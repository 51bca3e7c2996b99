//! The host's address as a QR code, for a tablet's camera.

use qrcode::{Color, EcLevel, QrCode};

/// An SVG document of a QR code for `text` (empty when it cannot be encoded), drawn as
/// one path of dark modules with a four-module quiet zone.
pub fn svg(text: &str) -> String {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
        return String::new();
    };
    let width = code.width();
    let size = width + 8;
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_becomes_a_square_svg_with_its_quiet_zone() {
        let svg = super::svg("https://192.168.1.10:8443");
        assert!(svg.starts_with("<svg"));
        assert!(
            svg.contains("viewBox=\"0 0 33 33\""),
            "version 2 + quiet zone: {svg:.80}"
        );
    }
}
