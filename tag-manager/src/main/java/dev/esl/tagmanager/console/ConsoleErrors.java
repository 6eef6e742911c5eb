package dev.esl.tagmanager.console;

import dev.esl.tagmanager.api.BadRequestException;
import dev.esl.tagmanager.api.ConflictException;
import dev.esl.tagmanager.api.ForbiddenException;
import dev.esl.tagmanager.api.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Errors of console pages as a page that says what was wrong in words; never a stack trace. */
@ControllerAdvice(annotations = ConsoleController.class)
class ConsoleErrors {
    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e) {
        return page(HttpStatus.FORBIDDEN, "You may not open this: " + e.getMessage() + ".");
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, capitalised(e.getMessage()) + ".");
    }

    @ExceptionHandler({BadRequestException.class, ConflictException.class})
    ModelAndView refused(RuntimeException e) {
        return page(HttpStatus.BAD_REQUEST, capitalised(e.getMessage()) + ".");
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e) {
        log.error("A console page failed: {}", e.getMessage(), e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR,
                "The tag manager could not complete this. Try again; if it fails again, tell your administrator the"
                        + " time it happened.");
    }

    private static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        return page;
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
