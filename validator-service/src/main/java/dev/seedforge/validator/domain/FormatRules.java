package dev.seedforge.validator.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** The letter of one export format, checked on a record already known to be a JSON object with the format's key field. */
interface FormatRules {

    void check(JsonNode record, Problems problems);
}
