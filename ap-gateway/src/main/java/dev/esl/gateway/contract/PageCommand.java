package dev.esl.gateway.contract;

public record PageCommand(int page, int durationSeconds) {
}
