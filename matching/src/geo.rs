//! Great-circle geometry: points, haversine distance and a latitude-aware bounding box.
//!
//! Distances use the haversine formula on a sphere of mean Earth radius
//! [`EARTH_RADIUS_KM`]. The bounding box is a cheap pre-filter: it never excludes a
//! point that lies within the given distance, at any latitude (the longitude extent
//! widens towards the poles), so exact distances are only computed for points in it.

use serde::{Deserialize, Serialize};

/// Mean Earth radius in kilometres (IUGG mean radius R1).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A point on Earth in decimal degrees (WGS 84), e.g. a village centroid.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    /// Latitude in degrees, positive north (−90 to 90).
    pub lat: f64,
    /// Longitude in degrees, positive east (−180 to 180).
    pub lon: f64,
}

impl GeoPoint {
    /// A point from latitude and longitude in degrees.
    pub const fn new(lat: f64, lon: f64) -> Self {
        GeoPoint { lat, lon }
    }
}

/// Great-circle distance in kilometres between two points (haversine formula).
///
/// Exactly symmetric; returns NaN if a coordinate is NaN.
pub fn distance_km(a: GeoPoint, b: GeoPoint) -> f64 {
    let (pa, pb) = (a.lat.to_radians(), b.lat.to_radians());
    haversine(pa, pa.cos(), pb, pb.cos(), (a.lon - b.lon).to_radians())
}

/// Haversine core on latitudes in radians with their cosines precomputed, so the hot
/// ranking loop computes the same value as [`distance_km`] without recomputing the
/// cosine of the fixed centre.
#[inline]
pub(crate) fn haversine(lat1: f64, cos1: f64, lat2: f64, cos2: f64, dlon: f64) -> f64 {
    let sin_dlat = ((lat1 - lat2).abs() * 0.5).sin();
    let sin_dlon = (dlon.abs() * 0.5).sin();
    let h = sin_dlat * sin_dlat + cos1 * cos2 * sin_dlon * sin_dlon;
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// A latitude/longitude box that contains every point within some distance of a centre.
///
/// Longitudes may extend beyond ±180° near the antimeridian; [`BoundingBox::contains`]
/// wraps them. An empty box (from a negative or NaN distance) contains nothing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BoundingBox {
    /// Southern edge in degrees.
    pub min_lat: f64,
    /// Northern edge in degrees.
    pub max_lat: f64,
    /// Western edge in degrees (may be below −180).
    pub min_lon: f64,
    /// Eastern edge in degrees (may be above 180).
    pub max_lon: f64,
}

impl BoundingBox {
    /// Relative safety margin added to the box so rounding never drops an edge point.
    const MARGIN: f64 = 1e-9;

    /// The smallest box containing every point within `km` of `center` (slightly widened
    /// against rounding). The longitude half-width is `asin(sin(d/R) / cos(lat))`,
    /// which is wider than the naive `d/R` and than `d/R / cos(lat)`; a box that
    /// reaches a pole spans all longitudes.
    pub fn around(center: GeoPoint, km: f64) -> Self {
        if km.is_nan() || km < 0.0 || center.lat.is_nan() || center.lon.is_nan() {
            return BoundingBox {
                min_lat: f64::INFINITY,
                max_lat: f64::NEG_INFINITY,
                min_lon: f64::INFINITY,
                max_lon: f64::NEG_INFINITY,
            };
        }
        let angle = km / EARTH_RADIUS_KM; // radians of arc
        let dlat = angle.to_degrees() * (1.0 + Self::MARGIN) + Self::MARGIN;
        let min_lat = center.lat - dlat;
        let max_lat = center.lat + dlat;
        let world = BoundingBox {
            min_lat: min_lat.max(-90.0),
            max_lat: max_lat.min(90.0),
            min_lon: -180.0,
            max_lon: 180.0,
        };
        if angle >= std::f64::consts::FRAC_PI_2 || min_lat <= -90.0 || max_lat >= 90.0 {
            return world;
        }
        let ratio = angle.sin() / center.lat.to_radians().cos();
        if ratio >= 1.0 {
            return world;
        }
        let dlon = ratio.asin().to_degrees() * (1.0 + Self::MARGIN) + Self::MARGIN;
        if dlon >= 180.0 {
            return world;
        }
        BoundingBox {
            min_lat,
            max_lat,
            min_lon: center.lon - dlon,
            max_lon: center.lon + dlon,
        }
    }

    /// Whether the point lies in the box (longitudes compared modulo 360°).
    #[inline]
    pub fn contains(&self, p: GeoPoint) -> bool {
        if !(p.lat >= self.min_lat && p.lat <= self.max_lat) {
            return false;
        }
        let lon = p.lon;
        (lon >= self.min_lon && lon <= self.max_lon)
            || (lon + 360.0 >= self.min_lon && lon + 360.0 <= self.max_lon)
            || (lon - 360.0 >= self.min_lon && lon - 360.0 <= self.max_lon)
    }
}

/// The same box test for a fixed centre but a different distance per point, with no
/// trigonometry per point (used when every candidate has their own travel limit).
///
/// Latitude: a point within `km` differs by at most `km / R` radians. Longitude: the
/// widest point of the circle differs by `asin(sin(a) / cos(lat))` with `a = km / R`,
/// which is at most `asin(y) <= y / sqrt(1 - y²)` for `y = a / cos(lat)`; the test is
/// done squared. For the distances in a municipality this is as tight as
/// [`BoundingBox`] (relative excess below 1e-4).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reach {
    lat: f64,
    lon: f64,
    inv_cos_lat: f64,
}

impl Reach {
    /// Precomputes the centre.
    pub(crate) fn new(center: GeoPoint) -> Self {
        Reach {
            lat: center.lat,
            lon: center.lon,
            inv_cos_lat: 1.0 / center.lat.to_radians().cos(),
        }
    }

    /// False only if `p` is certainly farther than `km` from the centre (NaN `km`: false).
    #[inline]
    pub(crate) fn may_reach(&self, p: GeoPoint, km: f64) -> bool {
        // The same safety margins as `BoundingBox`: relative 1e-9 and 1e-9 degrees.
        const SLACK: f64 = 1.0 + 1e-9;
        const EDGE_DEG: f64 = 1e-9;
        let a = km / EARTH_RADIUS_KM;
        let dlat = ((p.lat - self.lat).abs() - EDGE_DEG).max(0.0).to_radians();
        let limit = a * SLACK;
        if dlat.is_nan() || limit.is_nan() || dlat > limit {
            return false;
        }
        let y = a * self.inv_cos_lat;
        if y.is_nan() || y >= 1.0 {
            return true; // the circle reaches a pole (or the input is odd): any longitude
        }
        let mut dlon = (p.lon - self.lon).abs();
        if dlon > 180.0 {
            dlon = 360.0 - dlon;
        }
        let dlon = (dlon - EDGE_DEG).max(0.0).to_radians();
        dlon * dlon * (1.0 - y * y) <= y * y * SLACK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEILEN: GeoPoint = GeoPoint::new(52.8633, 6.5139);
    const SMILDE: GeoPoint = GeoPoint::new(52.9535, 6.4526);
    const WESTERBORK: GeoPoint = GeoPoint::new(52.8500, 6.6083);
    const HOOGHALEN: GeoPoint = GeoPoint::new(52.9203, 6.5464);
    const BOVENSMILDE: GeoPoint = GeoPoint::new(52.9781, 6.4742);

    fn assert_within_one_percent(a: GeoPoint, b: GeoPoint, expected: f64) {
        let d = distance_km(a, b);
        assert!(
            (d - expected).abs() <= expected * 0.01,
            "distance {d} km, expected {expected} km"
        );
    }

    /// References computed independently (Python `math`, haversine, R = 6371.0088 km)
    /// and consistent with map measurements between the village centres.
    #[test]
    fn known_village_distances_are_within_one_percent() {
        assert_within_one_percent(BEILEN, SMILDE, 10.8395);
        assert_within_one_percent(BEILEN, WESTERBORK, 6.5083);
        assert_within_one_percent(BEILEN, HOOGHALEN, 6.7026);
        assert_within_one_percent(BEILEN, BOVENSMILDE, 13.0397);
        assert_within_one_percent(SMILDE, WESTERBORK, 15.5404);
        assert_within_one_percent(SMILDE, HOOGHALEN, 7.2900);
        assert_within_one_percent(SMILDE, BOVENSMILDE, 3.0944);
        assert_within_one_percent(WESTERBORK, HOOGHALEN, 8.8519);
        assert_within_one_percent(WESTERBORK, BOVENSMILDE, 16.8447);
        assert_within_one_percent(HOOGHALEN, BOVENSMILDE, 8.0440);
    }

    #[test]
    fn one_degree_of_longitude_shrinks_with_latitude() {
        let at_equator = distance_km(GeoPoint::new(0.0, 0.0), GeoPoint::new(0.0, 1.0));
        let at_53 = distance_km(GeoPoint::new(53.0, 6.0), GeoPoint::new(53.0, 7.0));
        assert!((at_equator - 111.195).abs() < 0.01, "{at_equator}");
        // 111.195 * cos(53°) = 66.92 km (the great circle is a hair shorter).
        assert!((at_53 - 66.92).abs() < 0.05, "{at_53}");
    }

    #[test]
    fn distance_is_zero_to_itself_and_symmetric() {
        assert_eq!(distance_km(BEILEN, BEILEN), 0.0);
        assert_eq!(distance_km(BEILEN, SMILDE), distance_km(SMILDE, BEILEN));
    }

    #[test]
    fn distance_wraps_across_the_antimeridian() {
        let d = distance_km(GeoPoint::new(0.0, 179.5), GeoPoint::new(0.0, -179.5));
        assert!((d - 111.195).abs() < 0.01, "{d}");
    }

    /// A point `km` away from `from` along an initial bearing (degrees from north).
    fn destination(from: GeoPoint, bearing_deg: f64, km: f64) -> GeoPoint {
        let (p1, l1) = (from.lat.to_radians(), from.lon.to_radians());
        let b = bearing_deg.to_radians();
        let a = km / EARTH_RADIUS_KM;
        let p2 = (p1.sin() * a.cos() + p1.cos() * a.sin() * b.cos()).asin();
        let l2 = l1 + (b.sin() * a.sin() * p1.cos()).atan2(a.cos() - p1.sin() * p2.sin());
        GeoPoint::new(p2.to_degrees(), l2.to_degrees())
    }

    #[test]
    fn box_keeps_a_point_one_km_east_or_west_at_53_degrees_north() {
        let centre = GeoPoint::new(53.0, 6.5);
        let bbox = BoundingBox::around(centre, 1.0);
        for bearing in [90.0, 270.0, 0.0, 180.0, 45.0, 135.0, 225.0, 315.0] {
            let p = destination(centre, bearing, 1.0);
            assert!((distance_km(centre, p) - 1.0).abs() < 1e-9);
            assert!(bbox.contains(p), "bearing {bearing}: {p:?} not in {bbox:?}");
        }
        // The widest point of a 1 km circle at 53°N: its longitude offset is larger
        // than a naive 1 km / 111.195 km-per-degree box allows.
        let east = destination(centre, 90.0, 1.0);
        assert!(east.lon - centre.lon > 1.0 / 111.195 * 1.6);
        // And the box is not absurdly wide: 1.01 km due east is outside.
        assert!(!bbox.contains(GeoPoint::new(
            53.0,
            6.5 + 1.01 / (111.195 * 53f64.to_radians().cos())
        )));
    }

    #[test]
    fn box_contains_the_whole_circle_at_many_latitudes() {
        for lat in [-80.0, -52.8, 0.0, 30.0, 49.5, 52.8, 53.0, 60.0, 75.0, 89.0] {
            let centre = GeoPoint::new(lat, 6.5);
            for km in [0.5, 1.0, 10.0, 25.0, 300.0] {
                let bbox = BoundingBox::around(centre, km);
                for step in 0..72 {
                    let p = destination(centre, step as f64 * 5.0, km);
                    assert!(bbox.contains(p), "lat {lat} km {km} step {step}");
                }
            }
        }
    }

    #[test]
    fn reach_keeps_every_point_of_the_circle_and_rejects_far_ones() {
        for lat in [-80.0, -52.8, 0.0, 30.0, 49.5, 52.8, 53.0, 60.0, 75.0, 89.0] {
            for lon in [-179.9, 6.5, 179.9] {
                let centre = GeoPoint::new(lat, lon);
                let reach = Reach::new(centre);
                for km in [0.001, 0.5, 1.0, 10.0, 25.0, 300.0, 5000.0] {
                    for step in 0..72 {
                        let p = destination(centre, step as f64 * 5.0, km);
                        assert!(
                            reach.may_reach(p, km),
                            "lat {lat} lon {lon} km {km} step {step}"
                        );
                        // Clearly outside the box (straight N, E, S or W of the
                        // circle): rejected unless near a pole.
                        let q = destination(centre, step as f64 * 5.0, km * 1.01 + 0.01);
                        if step % 18 == 0 && lat.abs() < 70.0 && km < 400.0 {
                            assert!(
                                !reach.may_reach(q, km),
                                "lat {lat} km {km} step {step}: {q:?}"
                            );
                        }
                    }
                }
            }
        }
        let reach = Reach::new(GeoPoint::new(53.0, 6.5));
        assert!(!reach.may_reach(GeoPoint::new(53.0, 6.5), f64::NAN));
        assert!(reach.may_reach(GeoPoint::new(53.0, 6.5), 0.0));
        assert!(reach.may_reach(GeoPoint::new(-53.0, -170.0), f64::INFINITY));
    }

    #[test]
    fn reach_keeps_a_point_one_km_east_or_west_at_53_degrees_north() {
        let centre = GeoPoint::new(53.0, 6.5);
        let reach = Reach::new(centre);
        for bearing in [90.0, 270.0] {
            let p = destination(centre, bearing, 1.0);
            assert!(reach.may_reach(p, 1.0), "bearing {bearing}");
        }
    }

    #[test]
    fn box_near_a_pole_spans_all_longitudes() {
        let bbox = BoundingBox::around(GeoPoint::new(89.99, 0.0), 5.0);
        assert!(bbox.contains(GeoPoint::new(89.99, 180.0)));
    }

    #[test]
    fn box_wraps_at_the_antimeridian() {
        let bbox = BoundingBox::around(GeoPoint::new(0.0, 179.99), 5.0);
        assert!(bbox.contains(GeoPoint::new(0.0, -179.99)));
        assert!(!bbox.contains(GeoPoint::new(0.0, 0.0)));
    }

    #[test]
    fn invalid_distance_gives_an_empty_box() {
        assert!(!BoundingBox::around(BEILEN, f64::NAN).contains(BEILEN));
        assert!(!BoundingBox::around(BEILEN, -1.0).contains(BEILEN));
        assert!(BoundingBox::around(BEILEN, f64::INFINITY).contains(GeoPoint::new(-45.0, -120.0)));
    }
}
