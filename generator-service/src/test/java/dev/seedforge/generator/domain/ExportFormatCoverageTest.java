package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpecs;

class ExportFormatCoverageTest {

    private static final String WEATHER = """
            task: Answer travel questions, calling the forecast tool for the weather
            format: openai
            target: 30
            export: {formats: [sharegpt, alpaca]}
            tools:
              - type: function
                function: {name: forecast, parameters: {type: object, properties: {city: {type: string}}}}
            seeds:
              - messages:
                  - {role: user, content: "Weather in Oslo?"}
                  - {role: assistant, content: null, tool_calls: [{id: c1, type: function, function: {name: forecast, arguments: '{"city":"Oslo"}'}}]}
                  - {role: tool, tool_call_id: c1, content: '{"temp": 3}'}
                  - {role: assistant, content: "3 degrees."}
              - messages:
                  - {role: user, content: "Do I need a visa for Japan?"}
                  - {role: assistant, content: "Most EU citizens do not, for up to 90 days."}
            """;

    @Test
    void aToolJobExportedToAlpacaIsToldWhichExamplesItsAlpacaFilesLeaveOut() {
        List<FieldError> some = ExportFormatCoverage.check(JobSpecs.parse(WEATHER, null));
        assertEquals(1, some.size(), some.toString());
        assertEquals("export.formats: alpaca has no form for tool calls: an example that calls a tool is left out of"
                + " it (1 of the 2 seeds call one, so about as many of the examples will be missing from the Alpaca"
                + " files); leave alpaca out, or keep it for the examples without tool calls", some.get(0).toString());

        String everySeedCalls = WEATHER.substring(0, WEATHER.indexOf("  - messages:\n      - {role: user,"
                + " content: \"Do I need"));
        List<FieldError> all = ExportFormatCoverage.check(JobSpecs.parse(everySeedCalls, null));
        assertEquals(1, all.size(), all.toString());
        assertEquals(true, all.get(0).message().contains("every seed calls one, so the Alpaca files will be empty"),
                all.get(0).message());
    }

    @Test
    void noWarningWithoutAlpacaOrWithoutToolCalls() {
        assertEquals(List.of(), ExportFormatCoverage.check(JobSpecs.parse(WEATHER.replace("[sharegpt, alpaca]",
                "[sharegpt]"), null)));
        String noCalls = WEATHER.replaceAll("(?s)  - messages:\n      - \\{role: user, content: \"Weather.*?3 degrees.\"}\n",
                "");
        assertEquals(List.of(), ExportFormatCoverage.check(JobSpecs.parse(noCalls, null)), noCalls);
    }
}
