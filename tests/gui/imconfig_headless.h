#pragma once
// Dear ImGui's configuration for the native, headless build (the UI smoke
// test, ui_smoke_test.cpp): an ImGui assertion goes to a hook the test
// defines, which fails the test saying which screen and draft it was drawing.
// The browser app keeps ImGui's own assert (imconfig.h untouched).
// The test-engine hooks let the test open every tree node it draws.

void qaward_imgui_assert_failed(const char* expression, const char* file, int line);

#define IMGUI_ENABLE_TEST_ENGINE

#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : qaward_imgui_assert_failed(#_EXPR, __FILE__, __LINE__))
