package dev.esl.audit.event;

/** Whether the operation an event records did what was asked. */
public enum Outcome { SUCCESS, FAILURE }
