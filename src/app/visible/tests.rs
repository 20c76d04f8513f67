use super::*;

#[test]
fn tau_inputs_follow_the_mode_and_anode_inputs_the_anode() {
    let mut s = State::default();
    assert!(input_visible(&s, In::TauMeasured) && !input_visible(&s, In::Alpha));
    assert!(input_visible(&s, In::AnodeTau) && input_visible(&s, In::AnodeThicknessUm));
    s.select(TauMode::Bruggeman);
    assert!(!input_visible(&s, In::TauMeasured) && input_visible(&s, In::Alpha));
    assert!(!input_visible(&s, In::AnodeTau));
    s.select(Anode::LiMetal);
    assert!(!input_visible(&s, In::AnodeThicknessUm));
    assert!(!group_visible(&s, Group::Anode));
    s.select(InterfaceKind::Capacitor);
    assert!(!input_visible(&s, In::SimN));
    s.select(Tab::Impedance);
    assert!(group_visible(&s, Group::Geometry) && !group_visible(&s, Group::Cathode));
    assert!(!group_visible(&s, Group::Simulate));
}
