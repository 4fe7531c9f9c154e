//! The annual report as a table of rows (section, figure, this year, the year before),
//! and that table as CSV and Markdown. The JSON is the source; CSV, Markdown and the
//! CLI all come from [`rows`], so they cannot disagree with it.

use crate::app::decisions::SuggestionQuality;
use crate::app::reports::{AnnualReport, Counted, People, Spread, YearFigures};

/// One line of the report table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The section (*Hulpvragen*, *Trajecten*, ...).
    pub section: &'static str,
    /// What the figure is.
    pub figure: String,
    /// This year's value (empty when there is none).
    pub this_year: String,
    /// The year before.
    pub previous: String,
    key: String,
}

type Line = (&'static str, String, String, String);

/// Every figure of both years, aligned by what it is.
pub fn rows(report: &AnnualReport) -> Vec<Row> {
    let now = lines(&report.figures);
    let before = lines(&report.previous);
    let mut rows: Vec<Row> = now
        .iter()
        .map(|(section, key, figure, value)| Row {
            section,
            figure: figure.clone(),
            this_year: value.clone(),
            previous: find(&before, section, key),
            key: key.clone(),
        })
        .collect();
    for (section, key, figure, value) in &before {
        if !rows.iter().any(|r| r.section == *section && r.key == *key) {
            rows.push(Row {
                section,
                figure: figure.clone(),
                this_year: String::new(),
                previous: value.clone(),
                key: key.clone(),
            });
        }
    }
    let value = &report.social_value;
    rows.push(Row {
        section: "Maatschappelijke waarde",
        figure: value.formula.clone(),
        this_year: value.total_eur.to_string(),
        previous: String::new(),
        key: "social-value".into(),
    });
    rows
}

fn find(lines: &[Line], section: &str, key: &str) -> String {
    lines
        .iter()
        .find(|(s, k, ..)| *s == section && k == key)
        .map(|(.., v)| v.clone())
        .unwrap_or_default()
}

fn lines(f: &YearFigures) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut add = |section: &'static str, key: &str, figure: &str, value: String| {
        out.push((section, key.to_owned(), figure.to_owned(), value));
    };
    let requests = "Hulpvragen";
    add(
        requests,
        "total",
        "Hulpvragen in totaal",
        f.requests.total.to_string(),
    );
    let groups: [(&str, &str, &[Counted]); 4] = [
        ("channel", "Binnengekomen", &f.requests.by_channel),
        ("referrer", "Doorverwezen door", &f.requests.by_referrer),
        ("category", "Soort hulp", &f.requests.by_category),
        ("place", "Dorp", &f.requests.by_place),
    ];
    for (group, words, counts) in groups {
        for c in counts {
            add(
                requests,
                &format!("{group}:{}", c.key),
                &format!("{words}: {}", c.label),
                c.count.to_string(),
            );
        }
    }
    let m = &f.matches;
    let trajectories = "Trajecten";
    for (key, figure, value) in [
        ("started", "Gestart (koppeling bevestigd)", m.started),
        ("succeeded", "Geslaagd afgerond", m.succeeded),
        ("failed", "Niet geslaagd", m.failed),
        (
            "running",
            "Lopend aan het eind van het jaar",
            m.running_at_end,
        ),
        ("durable", "Duurzaam (90 dagen of langer)", m.durable),
        (
            "outside",
            "Buiten het Servicepunt om (gemeld na sluiten)",
            m.outside,
        ),
    ] {
        add(trajectories, key, figure, value.to_string());
    }
    for c in &f.closed_without_match {
        add(
            "Gesloten zonder koppeling",
            &c.label,
            &c.label,
            c.count.to_string(),
        );
    }
    let waiting = "Wachtlijst aan het eind van het jaar";
    add(
        waiting,
        "total",
        "Open hulpvragen",
        f.waiting_list.total.to_string(),
    );
    for c in &f.waiting_list.by_age {
        add(
            waiting,
            &c.key,
            &format!("Wacht {}", c.label.to_lowercase()),
            c.count.to_string(),
        );
    }
    add(
        waiting,
        "median",
        "Wachttijd, mediaan (dagen)",
        days(f.waiting_list.median_age_days),
    );
    let conversion = "Reacties en koppelingen";
    for c in f
        .conversion
        .iter()
        .filter(|c| c.responses > 0 || c.matches > 0)
    {
        add(
            conversion,
            &format!("{}:responses", c.category),
            &format!("{}: reacties", c.label),
            c.responses.to_string(),
        );
        add(
            conversion,
            &format!("{}:matches", c.category),
            &format!("{}: koppelingen", c.label),
            c.matches.to_string(),
        );
        add(
            conversion,
            &format!("{}:percent", c.category),
            &format!("{}: koppelingen per 100 reacties", c.label),
            days(c.percent),
        );
    }
    people(&mut add, "Vrijwilligers", &f.volunteers);
    people(&mut add, "Organisaties", &f.organisations);
    let timing = "Doorlooptijd (dagen vanaf plaatsing)";
    spread(
        &mut add,
        timing,
        "response",
        "eerste reactie",
        &f.timing.first_response,
    );
    spread(
        &mut add,
        timing,
        "match",
        "bevestigde koppeling",
        &f.timing.confirmed_match,
    );
    suggestions(&mut add, &f.suggestions);
    out
}

/// How often the coordinator chose the first suggestion, all and per kind of help.
fn suggestions(add: &mut impl FnMut(&'static str, &str, &str, String), q: &SuggestionQuality) {
    let section = "Voorstellen van Noaber";
    for figure in std::iter::once(&q.total).chain(&q.by_category) {
        // Without decisions there is no share or rank: empty, as the page shows "–".
        let decided = figure.decisions > 0;
        let of = if figure.key == "all" {
            String::new()
        } else {
            format!(": {}", figure.label)
        };
        add(
            section,
            &format!("{}:n", figure.key),
            &format!("Koppelingen voorgesteld door het Servicepunt{of}"),
            figure.decisions.to_string(),
        );
        add(
            section,
            &format!("{}:first", figure.key),
            &format!("Eerste voorstel gekozen (%){of}"),
            days(decided.then_some(figure.first_choice * 100.0)),
        );
        add(
            section,
            &format!("{}:mrr", figure.key),
            &format!("Gemiddelde reciproke rang (1 = altijd het eerste voorstel){of}"),
            if decided {
                format!("{:.2}", figure.mean_reciprocal_rank).replace('.', ",")
            } else {
                String::new()
            },
        );
    }
}

fn people(
    add: &mut impl FnMut(&'static str, &str, &str, String),
    section: &'static str,
    p: &People,
) {
    add(
        section,
        "registered",
        "Ingeschreven aan het eind van het jaar",
        p.registered.to_string(),
    );
    add(
        section,
        "active",
        "Actief in het jaar",
        p.active.to_string(),
    );
    add(section, "new", "Nieuw", p.new.to_string());
    add(section, "departed", "Vertrokken", p.departed.to_string());
}

fn spread(
    add: &mut impl FnMut(&'static str, &str, &str, String),
    section: &'static str,
    key: &str,
    words: &str,
    s: &Spread,
) {
    add(
        section,
        &format!("{key}:n"),
        &format!("Hulpvragen met een {words}"),
        s.requests.to_string(),
    );
    add(
        section,
        &format!("{key}:median"),
        &format!("Tot {words}, mediaan"),
        days(s.median_days),
    );
    add(
        section,
        &format!("{key}:p90"),
        &format!("Tot {words}, 90% binnen"),
        days(s.p90_days),
    );
}

/// A decimal figure with a comma, as Dutch readers write it ("12,5"); empty when none.
fn days(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.1}").replace('.', ","))
}

/// The table as CSV (RFC 4180, with a header), its fields split by `delimiter`: `,`
/// (decimals written with a comma are then quoted) or `;` (as a spreadsheet set to
/// Dutch reads it).
pub fn to_csv(report: &AnnualReport, delimiter: u8) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    writer.write_record([
        "onderdeel".to_owned(),
        "cijfer".to_owned(),
        report.year.to_string(),
        (report.year - 1).to_string(),
    ])?;
    for row in rows(report) {
        writer.write_record([row.section, &row.figure, &row.this_year, &row.previous])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The table as Markdown: one table per section.
pub fn to_markdown(report: &AnnualReport) -> String {
    let mut out = format!("# Jaarcijfers {}\n", report.year);
    let mut section = "";
    for row in rows(report) {
        if row.section != section {
            section = row.section;
            out.push_str(&format!(
                "\n## {section}\n\n| cijfer | {} | {} |\n|---|---:|---:|\n",
                report.year,
                report.year - 1
            ));
        }
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            row.figure.replace('|', "/"),
            row.this_year,
            row.previous
        ));
    }
    out
}
