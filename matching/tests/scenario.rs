//! The story from the design: a Tuesday-afternoon dog-walking *maatje* in Beilen.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use matching::{
    filter_reason, rank_volunteers, AvailabilityGrid, Day, DayPart, Exclusion, GeoPoint,
    MatchConfig, PostKind, RequestProfile, Schedule, Slot, TalentCatalog, Vog, VogStatus,
    VolunteerProfile,
};
use uuid::Uuid;

const BEILEN: GeoPoint = GeoPoint::new(52.8633, 6.5139);
const SMILDE: GeoPoint = GeoPoint::new(52.9535, 6.4526);
const HOOGHALEN: GeoPoint = GeoPoint::new(52.9203, 6.5464);

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn tuesday_afternoon() -> AvailabilityGrid {
    AvailabilityGrid::from_slots([Slot {
        day: Day::Tue,
        part: DayPart::Afternoon,
    }])
}

fn volunteer(
    n: u128,
    location: GeoPoint,
    availability: AvailabilityGrid,
    vog: Vog,
) -> VolunteerProfile {
    VolunteerProfile {
        id: Uuid::from_u128(n),
        talents: vec!["hond-uitlaten".into()],
        interests: vec!["maatje".into()],
        availability,
        location,
        max_distance_km: 20.0,
        active_matches: 0,
        max_active_matches: 2,
        recent_matches: 0,
        vog,
        languages: vec!["nl".into()],
        past_matches: HashMap::new(),
        declined: HashSet::new(),
    }
}

#[test]
fn tuesday_afternoon_dog_walking_in_beilen() {
    let today = date(2026, 11, 20);
    let catalog = TalentCatalog::new([("hond-uitlaten", "hond uitlaten", vec!["wandelen"])]);
    let request = RequestProfile {
        id: Uuid::from_u128(1),
        kind: PostKind::Request,
        requester_id: Uuid::from_u128(2),
        category: "maatje".into(),
        talents: vec!["hond-uitlaten".into()],
        location: BEILEN,
        schedule: Schedule::Weekly(tuesday_afternoon()),
        radius_km: None,
        requires_vog: true,
        languages: vec![],
    };
    let fresh = Vog::valid(date(2025, 6, 1));
    let weekends = AvailabilityGrid::from_slots([
        Slot {
            day: Day::Sat,
            part: DayPart::Morning,
        },
        Slot {
            day: Day::Sat,
            part: DayPart::Afternoon,
        },
        Slot {
            day: Day::Sun,
            part: DayPart::Afternoon,
        },
    ]);
    // Ids chosen so that id order would put the wrong people first.
    let beilen = volunteer(900, BEILEN, tuesday_afternoon(), fresh);
    let smilde = volunteer(100, SMILDE, tuesday_afternoon(), fresh);
    let weekend_only = volunteer(10, BEILEN, weekends, fresh);
    let no_vog = volunteer(11, BEILEN, tuesday_afternoon(), Vog::default());
    let pending_vog = volunteer(
        12,
        BEILEN,
        tuesday_afternoon(),
        Vog {
            status: VogStatus::Requested,
            issued_on: None,
        },
    );
    let expired_vog = volunteer(
        13,
        HOOGHALEN,
        tuesday_afternoon(),
        Vog::valid(date(2023, 1, 10)),
    );
    let pool = vec![
        weekend_only,
        no_vog,
        smilde,
        expired_vog,
        pending_vog,
        beilen,
    ];

    let ranked = rank_volunteers(
        &request,
        &pool,
        &catalog,
        &MatchConfig::default(),
        today,
        10,
    );
    let ids: Vec<u128> = ranked.iter().map(|c| c.volunteer_id.as_u128()).collect();
    assert_eq!(
        ids,
        vec![900, 100],
        "Beilen first, then Smilde; nobody else"
    );
    assert!(ranked[0].score > ranked[1].score);
    assert!(ranked[0]
        .reasons
        .contains(&"kan op dinsdagmiddag".to_string()));
    assert!(ranked[0]
        .reasons
        .contains(&"heeft talent: hond uitlaten".to_string()));
    assert!(ranked[0]
        .reasons
        .contains(&"woont in hetzelfde dorp".to_string()));
    assert!(
        ranked[1].reasons.contains(&"woont 10,8 km weg".to_string()),
        "{:?}",
        ranked[1].reasons
    );

    let config = MatchConfig::default();
    let why = |i: usize| filter_reason(&request, &pool[i], &config, today);
    assert_eq!(why(0), Some(Exclusion::NoTimeOverlap));
    assert_eq!(why(1), Some(Exclusion::VogMissing));
    assert_eq!(
        why(3),
        Some(Exclusion::VogExpired {
            valid_until: date(2026, 1, 10)
        })
    );
    assert_eq!(why(4), Some(Exclusion::VogPending));
}
