//! TODO-skeleton (filled in this session)
