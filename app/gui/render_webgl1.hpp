#pragma once
// Dear ImGui's OpenGL backend built for WebGL1 (render_webgl1.cpp): the same
// functions as imgui_impl_opengl3.h, renamed.
struct ImDrawData;

bool ImGui_ImplWebGL1_Init(const char* glsl_version);
void ImGui_ImplWebGL1_Shutdown();
void ImGui_ImplWebGL1_NewFrame();
void ImGui_ImplWebGL1_RenderDrawData(ImDrawData* draw_data);
