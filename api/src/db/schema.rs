//! The diesel schema, written by hand and limited to types both backends share
//! (Text for UUIDs, Integer, Double, Bool, Date, Timestamp as naive UTC), so that one
//! query path serves SQLite and PostgreSQL. Keep in step with `migrations/`.

diesel::table! {
    places (slug) {
        slug -> Text,
        name -> Text,
        kind -> Text,
        lat -> Double,
        lon -> Double,
        postcodes -> Text,
    }
}

diesel::table! {
    categories (slug) {
        slug -> Text,
        name_nl -> Text,
        name_en -> Text,
        requires_vog -> Bool,
        sort_order -> Integer,
    }
}

diesel::table! {
    talents (slug) {
        slug -> Text,
        name_nl -> Text,
        category_slug -> Nullable<Text>,
    }
}

diesel::table! {
    talent_relations (talent_slug, related_slug) {
        talent_slug -> Text,
        related_slug -> Text,
    }
}

diesel::table! {
    accounts (id) {
        id -> Text,
        email -> Text,
        password_hash -> Text,
        name -> Text,
        role -> Text,
        phone -> Nullable<Text>,
        email_verified -> Bool,
        created_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        session_version -> Integer,
    }
}

diesel::table! {
    organisations (id) {
        id -> Text,
        account_id -> Text,
        name -> Text,
        description -> Text,
        place_slug -> Nullable<Text>,
        website -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    volunteer_profiles (account_id) {
        account_id -> Text,
        place_slug -> Nullable<Text>,
        max_distance_km -> Integer,
        max_active_matches -> Integer,
        availability_mask -> Integer,
        interests -> Text,
        languages -> Text,
        bio -> Text,
        vog_status -> Text,
        vog_issued_on -> Nullable<Date>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    volunteer_talents (account_id, talent_slug) {
        account_id -> Text,
        talent_slug -> Text,
    }
}

diesel::table! {
    posts (id) {
        id -> Text,
        kind -> Text,
        author_id -> Text,
        organisation_id -> Nullable<Text>,
        title -> Text,
        description -> Text,
        category_slug -> Text,
        place_slug -> Text,
        schedule_kind -> Text,
        schedule_date -> Nullable<Date>,
        schedule_mask -> Integer,
        hours_per_week -> Nullable<Double>,
        radius_km -> Nullable<Integer>,
        status -> Text,
        close_reason -> Nullable<Text>,
        review_reason -> Nullable<Text>,
        intake_channel -> Text,
        on_behalf_name -> Nullable<Text>,
        on_behalf_phone -> Nullable<Text>,
        on_behalf_email -> Nullable<Text>,
        referrer -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        on_behalf_via_poster -> Bool,
    }
}

diesel::table! {
    post_talents (post_id, talent_slug) {
        post_id -> Text,
        talent_slug -> Text,
    }
}

diesel::table! {
    post_events (id) {
        id -> Text,
        post_id -> Text,
        actor_id -> Nullable<Text>,
        from_status -> Nullable<Text>,
        to_status -> Text,
        reason -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::joinable!(organisations -> accounts (account_id));
diesel::joinable!(volunteer_profiles -> accounts (account_id));
diesel::joinable!(volunteer_talents -> accounts (account_id));
diesel::joinable!(posts -> accounts (author_id));
diesel::joinable!(posts -> categories (category_slug));
diesel::joinable!(posts -> places (place_slug));
diesel::joinable!(post_talents -> posts (post_id));
diesel::joinable!(post_events -> posts (post_id));
diesel::joinable!(sessions -> accounts (account_id));

diesel::allow_tables_to_appear_in_same_query!(
    places,
    categories,
    talents,
    talent_relations,
    accounts,
    organisations,
    volunteer_profiles,
    volunteer_talents,
    posts,
    post_talents,
    post_events,
    matches,
    match_decisions,
    match_events,
    match_messages,
    sessions,
);

diesel::table! {
    matches (id) {
        id -> Text,
        post_id -> Text,
        volunteer_id -> Text,
        status -> Text,
        outcome -> Nullable<Text>,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        origin -> Text,
        created_by -> Nullable<Text>,
        agreed_until -> Nullable<Date>,
        shown_to_parties -> Bool,
    }
}

diesel::table! {
    match_decisions (match_id) {
        match_id -> Text,
        post_id -> Text,
        category_slug -> Text,
        volunteer_id -> Text,
        decided_by -> Text,
        decided_at -> Timestamp,
        rank -> Nullable<Integer>,
        ranked -> Integer,
        score -> Nullable<Double>,
        shown -> Text,
    }
}

diesel::table! {
    match_messages (id) {
        id -> Text,
        match_id -> Text,
        sender_id -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    match_reads (match_id, account_id) {
        match_id -> Text,
        account_id -> Text,
        last_read_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(match_messages, match_reads);

diesel::table! {
    match_events (id) {
        id -> Text,
        match_id -> Text,
        actor_id -> Nullable<Text>,
        from_status -> Nullable<Text>,
        to_status -> Text,
        reason -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::joinable!(matches -> posts (post_id));
diesel::joinable!(matches -> accounts (volunteer_id));
diesel::joinable!(match_events -> matches (match_id));
diesel::joinable!(match_messages -> matches (match_id));

diesel::allow_columns_to_appear_in_same_group_by_clause!(
    matches::volunteer_id,
    posts::category_slug
);

diesel::table! {
    search_changes (seq) {
        seq -> BigInt,
        post_id -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    volunteer_changes (seq) {
        seq -> BigInt,
        account_id -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        actor_id -> Text,
        action -> Text,
        subject_type -> Text,
        subject_id -> Text,
        detail -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        kind -> Text,
        recipient -> Text,
        recipient_name -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    account_tokens (token_hash) {
        token_hash -> Text,
        account_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        account_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    login_failures (email_hash) {
        email_hash -> Text,
        failures -> Integer,
        locked_until -> Nullable<Timestamp>,
        last_failure_at -> Timestamp,
    }
}

diesel::table! {
    follow_ups (id) {
        id -> Text,
        kind -> Text,
        subject_id -> Text,
        occasion -> Text,
        asked_at -> Timestamp,
        answer -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    saved_searches (id) {
        id -> Text,
        account_id -> Text,
        query -> Text,
        categories -> Text,
        places -> Text,
        within_km -> Nullable<Integer>,
        frequency -> Text,
        created_at -> Timestamp,
        checked_until -> Timestamp,
    }
}

diesel::table! {
    digest_opt_outs (account_id) {
        account_id -> Text,
        at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(accounts, digest_opt_outs, saved_searches);
