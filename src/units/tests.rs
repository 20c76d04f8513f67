use super::*;

#[test]
fn round_trips() {
    for x in [1e-9, 0.37, 1.0, 600.0, 4.2e7] {
        assert!((cm_to_um(um_to_cm(x)) - x).abs() <= 1e-12 * x);
        assert!((s_to_ms(ms_to_s(x)) - x).abs() <= 1e-12 * x);
        assert!((a_to_ma(ma_to_a(x)) - x).abs() <= 1e-12 * x);
        assert!((coulomb_to_mah(mah_to_coulomb(x)) - x).abs() <= 1e-12 * x);
    }
    assert_eq!(celsius_to_kelvin(25.0), 298.15);
    // 264.7 mAh/cm³ is Kato's 953 C/cm³ (MODELS.md).
    assert!((mah_to_coulomb(264.7) - 952.92).abs() < 1e-9);
}
